// A real OpenID Connect provider for the sign-in tests (identity/tests/test_sso.py):
// panva's oidc-provider (OpenID Certified), on loopback only.
//
//   node provider.mjs PORT CONFIG.json
//
// CONFIG.json: {"clients": [...], "accounts": {"<sub>": {claims}}}. The accounts are
// read again at every sign-in, so a test can change a person's claims between two.
// Sign-in uses oidc-provider's development forms: any password is accepted.
import { readFileSync } from "node:fs";
import Provider from "oidc-provider";

const [port, configPath] = process.argv.slice(2);
const config = () => JSON.parse(readFileSync(configPath, "utf8"));

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: config().clients,
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "given_name", "family_name", "organisation", "school", "roles"],
  },
  async findAccount(ctx, sub) {
    if (!(sub in config().accounts)) return undefined;
    return {
      accountId: sub,
      async claims() {
        return { sub, ...config().accounts[sub] };
      },
    };
  },
  ttl: { AuthorizationCode: Number(process.env.OIDC_CODE_TTL || 5) },
  cookies: { keys: ["loopback-test-only"] },
  features: { devInteractions: { enabled: true } },
  pkce: { required: () => true },
});
provider.on("server_error", (ctx, error) => console.error("server_error", error));

provider.listen(Number(port), "127.0.0.1", () => console.log("ready"));
