"""Seed the synonym groups editors now keep in the admin (search.SynonymGroup).

Taken from the former search/synonyms_fi.txt and synonyms_sv.txt and reviewed so that
every group is a true synonym set: groups that mixed a word with a broader or narrower
one were split or dropped ("loppu, päätös" – päätös is also a decision; "tietokone,
kone, läppäri"; "ipad, tabletti"; "veso, täydennyskoulutus"; "vahva tunnistautuminen"
is bank-level identification, not MFA; plain "vaikutustenarviointi" /
"konsekvensbedömning" is any impact assessment, not only a DPIA). Colloquial words
readers type were added where they mean exactly the same (printteri, läppäri, sposti).
"""

from django.db import migrations

GROUPS = {
    "fi": [
        "mfa, monivaiheinen tunnistautuminen, kaksivaiheinen tunnistautuminen",
        "tvt, tieto- ja viestintätekniikka",
        "dpia, tietosuojan vaikutustenarviointi, tietosuojaa koskeva vaikutustenarviointi",
        "tekoäly, ai, keinoäly",
        "wlan, wifi, langaton verkko, langaton lähiverkko",
        "mok, monialainen oppimiskokonaisuus",
        "opo, opinto-ohjaaja",
        "hops, henkilökohtainen opintosuunnitelma",
        "läppäri, kannettava tietokone",
        "lainakone, lainalaite, lainatietokone",
        "käyttäjätunnus, kirjautumistunnus, käyttäjänimi",
        "tunnarit, tunnukset",
        "alku, aloitus, alkaminen",
        "loppu, päättyminen, loppuminen",
        "rikki, rikkinäinen, vikaantunut",
        "tulostin, printteri",
        "tulostaa, printata",
        "sähköposti, sposti, meili",
        "kännykkä, matkapuhelin",
        "ope, opettaja",
        "lukkari, lukujärjestys",
        "tietojenkalastelu, kalastelu, phishing",
        "netti, internet",
        "tiketti, tukipyyntö",
        "kirjautuminen, sisäänkirjautuminen",
    ],
    "sv": [
        "mfa, flerstegsautentisering, flerfaktorsautentisering, tvåfaktorsautentisering",
        "ikt, informations- och kommunikationsteknik",
        "dpia, konsekvensbedömning avseende dataskydd",
        "ai, artificiell intelligens",
        "wlan, wifi, trådlöst nätverk",
        "laptop, bärbar dator",
        "början, start, inledning",
        "slut, avslutning",
        "trasig, sönder, söndrig",
        "skrivare, printer",
        "e-post, mejl",
        "mobil, mobiltelefon",
        "nätfiske, phishing",
        "internet, nätet",
    ],
}


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("kbsearch", "SynonymGroup")
    for language, groups in GROUPS.items():
        for variants in groups:
            SynonymGroup.objects.get_or_create(language=language, variants=variants)


def unseed(apps, schema_editor):
    SynonymGroup = apps.get_model("kbsearch", "SynonymGroup")
    for language, groups in GROUPS.items():
        SynonymGroup.objects.filter(language=language, variants__in=groups).delete()


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0004_postgres_related_tokens_and_scopes")]

    operations = [migrations.RunPython(seed, unseed)]
