"""Demo pages in Finnish and Swedish, written for this project from the seeds' facts.

Body items: ("p", html), ("h", text), ("info"|"warning", title, html),
("steps", [(title, html, role slug or None), ...]), ("table", [header, *rows]).
"""

# key: (parent section key, public?, fi title, fi slug, sv title, sv slug, fi intro, sv intro)
SECTIONS = {
    "huoltajat": (
        True,
        "Huoltajille",
        "huoltajille",
        "För vårdnadshavare",
        "for-vardnadshavare",
        "Ohjeita oppilaiden laitteista, tunnuksista ja koulun digitaalisista palveluista.",
        "Anvisningar om elevernas enheter, användarkonton och skolans digitala tjänster.",
    ),
    "osaaminen": (
        True,
        "Osaamismerkit ja taitokuvaukset",
        "osaamismerkit",
        "Kompetensmärken och färdighetsbeskrivningar",
        "kompetensmarken",
        "Mitä digitaalisia taitoja oppilaat harjoittelevat kullakin luokka-asteella.",
        "Vilka digitala färdigheter eleverna övar på varje årskurs.",
    ),
    "henkilosto": (
        False,
        "Henkilöstölle",
        "henkilostolle",
        "För personalen",
        "for-personalen",
        "Koulujen henkilöstön ohjeet. Sivut näkyvät vain kirjautuneille.",
        "Anvisningar för skolornas personal. Sidorna syns bara för inloggade.",
    ),
    "prosessit": (
        False,
        "Prosessit",
        "prosessit",
        "Processer",
        "processer",
        "Kuka tekee mitä ja missä järjestyksessä: hankinnat, laitehuolto ja tunnukset.",
        "Vem gör vad och i vilken ordning: upphandlingar, enhetsservice och användarkonton.",
    ),
    "muistiot": (
        False,
        "Muistiot",
        "muistiot",
        "Minnesanteckningar",
        "minnesanteckningar",
        "Rehtorikokousten ja työryhmien muistiot.",
        "Minnesanteckningar från rektorsmöten och arbetsgrupper.",
    ),
}

HOME = {
    "fi": (
        "Ruskon ja Kangasalan koulujen ohjeet",
        "koti",
        "<p>Koulujen ohjeet, prosessikuvaukset, taitokuvaukset ja muistiot yhdessä paikassa. "
        "Jokainen sivu tarkistetaan lukuvuosittain.</p>",
    ),
    "sv": (
        "Anvisningar för skolorna i Rusko och Kangasala",
        "hem",
        "<p>Skolornas anvisningar, processbeskrivningar, färdighetsbeskrivningar och "
        "minnesanteckningar på ett ställe. Varje sida granskas varje läsår.</p>",
    ),
}

# Pages left awaiting review in the demo, to show the reader notice and the dashboard.
LEFT_DUE = {"tulostus-kotona", "tekoaly-opetuksessa", "rehtorikokous-2025-05"}

PAGES = [
    # ------------------------------------------------------------------ guardians
    {
        "key": "oppilaan-laite",
        "type": "guide",
        "section": "huoltajat",
        "audiences": ["huoltaja", "opettaja"],
        "schools": [],
        "fi": {
            "title": "Oppilaan henkilökohtainen laite",
            "slug": "oppilaan-laite",
            "intro": "Ruskossa 2.–9.-luokkalaisilla on koulun henkilökohtainen laite. "
            "Näin sitä käytetään ja säilytetään kotona.",
            "body": [
                (
                    "p",
                    "<p>Alakoulun oppilaat saavat iPadin ja yläkoulun oppilaat kannettavan "
                    "tietokoneen. Lukuvuodesta 2025–2026 alkaen laite annetaan "
                    "3.–9.-luokkalaisille henkilökohtaiseksi; Laukolan ja Kirkonkylän kouluissa "
                    "pienemmillä on lisäksi "
                    "yhteiskäyttöisiä kannettavia.</p>",
                ),
                ("h", "Kotona"),
                (
                    "steps",
                    [
                        (
                            "Lataa laite illalla",
                            "<p>Laitteen pitää olla koulupäivänä täynnä virtaa.</p>",
                            None,
                        ),
                        (
                            "Kuljeta laite suojassa",
                            "<p>Käytä koulun antamaa suojakoteloa.</p>",
                            None,
                        ),
                        (
                            "Älä asenna omia sovelluksia",
                            "<p>Koulu hallinnoi laitetta keskitetysti; "
                            "sovellukset asennetaan koulun kautta.</p>",
                            None,
                        ),
                    ],
                ),
                (
                    "info",
                    "Laite on koulun omaisuutta",
                    "<p>Laite palautetaan, kun oppilas vaihtaa koulua tai päättää peruskoulun.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Elevens personliga enhet",
            "slug": "elevens-enhet",
            "intro": "I Rusko har elever i årskurs 2–9 en personlig enhet från skolan. "
            "Så här används och förvaras den hemma.",
            "body": [
                (
                    "p",
                    "<p>Eleverna i de lägre årskurserna får en iPad och eleverna i högstadiet en "
                    "bärbar dator. Från och med läsåret 2025–2026 får elever i årskurs 3–9 en "
                    "personlig enhet; i Laukola och Kyrkbyn finns dessutom delade bärbara datorer "
                    "för de yngre.</p>",
                ),
                ("h", "Hemma"),
                (
                    "steps",
                    [
                        (
                            "Ladda enheten på kvällen",
                            "<p>Enheten ska vara fulladdad under skoldagen.</p>",
                            None,
                        ),
                        (
                            "Bär enheten i skyddsfodralet",
                            "<p>Använd fodralet som skolan delat ut.</p>",
                            None,
                        ),
                        (
                            "Installera inga egna appar",
                            "<p>Skolan hanterar enheten centralt; "
                            "appar installeras via skolan.</p>",
                            None,
                        ),
                    ],
                ),
                (
                    "info",
                    "Enheten tillhör skolan",
                    "<p>Enheten lämnas tillbaka när eleven byter skola eller går ut "
                    "grundskolan.</p>",
                ),
            ],
        },
    },
    {
        "key": "laite-rikki",
        "type": "guide",
        "section": "huoltajat",
        "audiences": ["huoltaja"],
        "schools": [],
        "fi": {
            "title": "Kun oppilaan laite rikkoutuu",
            "slug": "laite-rikki",
            "intro": "Rikkoutuneesta laitteesta ilmoitetaan heti opettajalle, jotta oppilas "
            "saa korvaavan laitteen.",
            "body": [
                (
                    "steps",
                    [
                        (
                            "Kerro opettajalle",
                            "<p>Oppilas tai huoltaja kertoo vauriosta "
                            "luokanopettajalle tai luokanvalvojalle.</p>",
                            "opettaja",
                        ),
                        (
                            "Koulu tekee vikailmoituksen",
                            "<p>TVT-vastaava kirjaa vian ja lähettää laitteen huoltoon.</p>",
                            "tvt-vastaava",
                        ),
                        (
                            "Oppilas saa lainalaitteen",
                            "<p>Huollon ajaksi oppilas käyttää koulun varalaitetta.</p>",
                            None,
                        ),
                    ],
                ),
                (
                    "warning",
                    "Älä korjaa itse",
                    "<p>Laitetta ei saa avata tai viedä muualle korjattavaksi, sillä takuu "
                    "ja laitteen hallinta menevät silloin rikki.</p>",
                ),
            ],
        },
        "sv": {
            "title": "När elevens enhet går sönder",
            "slug": "enheten-gar-sonder",
            "intro": "En trasig enhet anmäls genast till läraren så att eleven får en "
            "ersättande enhet.",
            "body": [
                (
                    "steps",
                    [
                        (
                            "Berätta för läraren",
                            "<p>Eleven eller vårdnadshavaren berättar om "
                            "skadan för klassläraren eller klassföreståndaren.</p>",
                            "opettaja",
                        ),
                        (
                            "Skolan gör en felanmälan",
                            "<p>Den IKT-ansvariga registrerar felet och "
                            "skickar enheten på service.</p>",
                            "tvt-vastaava",
                        ),
                        (
                            "Eleven får en låneenhet",
                            "<p>Under servicen använder eleven skolans reservenhet.</p>",
                            None,
                        ),
                    ],
                ),
                (
                    "warning",
                    "Reparera inte själv",
                    "<p>Enheten får inte öppnas eller lämnas in någon annanstans för reparation, "
                    "eftersom garantin och hanteringen av enheten då går förlorade.</p>",
                ),
            ],
        },
    },
    {
        "key": "oppilaan-tunnukset",
        "type": "guide",
        "section": "huoltajat",
        "audiences": ["huoltaja"],
        "schools": [],
        "fi": {
            "title": "Oppilaan tunnukset ja salasana",
            "slug": "oppilaan-tunnukset",
            "intro": "Oppilas kirjautuu koulun palveluihin omalla tunnuksellaan. Salasana on "
            "henkilökohtainen.",
            "body": [
                (
                    "p",
                    "<p>Oppilaalla on kansallinen oppijanumero ja yksi koulun tunnus, jolla hän "
                    "pääsee digitaaliselle työpöydälle. Työpöytä kokoaa oppimateriaalit ja "
                    "palvelut samaan näkymään.</p>",
                ),
                (
                    "warning",
                    "Salasanaa ei kerrota kenellekään",
                    "<p>Harjoitelkaa kotona, miksi omaa salasanaa ei anneta kaverille. Jos "
                    "salasana unohtuu, opettaja tai koulusihteeri vaihtaa sen.</p>",
                ),
                (
                    "p",
                    "<p>Suosittelemme, että yläkoulun oppilaat ottavat käyttöön monivaiheisen "
                    "tunnistautumisen (MFA), kun koulu ohjeistaa siihen.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Elevens användarkonto och lösenord",
            "slug": "elevens-anvandarkonto",
            "intro": "Eleven loggar in i skolans tjänster med sitt eget konto. Lösenordet är "
            "personligt.",
            "body": [
                (
                    "p",
                    "<p>Eleven har ett nationellt elevnummer och ett användarkonto i skolan, som "
                    "ger tillgång till det digitala skrivbordet. Skrivbordet samlar "
                    "läromedel och tjänster i en vy.</p>",
                ),
                (
                    "warning",
                    "Lösenordet berättas inte för någon",
                    "<p>Öva hemma på varför man inte ger sitt lösenord till en kompis. Om "
                    "lösenordet glöms byter läraren eller skolsekreteraren det.</p>",
                ),
                (
                    "p",
                    "<p>Vi rekommenderar att högstadieelever tar i bruk flerstegsautentisering "
                    "(MFA) när skolan ger instruktioner om det.</p>",
                ),
            ],
        },
    },
    {
        "key": "verkkohuijaukset",
        "type": "guide",
        "section": "huoltajat",
        "audiences": ["huoltaja", "opettaja"],
        "schools": [],
        "fi": {
            "title": "Verkkohuijausten tunnistaminen",
            "slug": "verkkohuijaukset",
            "intro": "Koulu opettaa tunnistamaan verkkohuijauksia ja tekoälyn tuottamaa "
            "sisältöä. Huoltaja voi tukea samaa kotona.",
            "body": [
                ("h", "Puhukaa yhdessä näistä"),
                (
                    "p",
                    "<ul><li>Kiireellinen viesti, joka pyytää kirjautumaan linkistä, on usein "
                    "huijaus.</li><li>Koulu ei koskaan kysy salasanaa sähköpostilla.</li>"
                    "<li>Kuva tai video voi olla tekoälyn tekemä, vaikka se näyttää aidolta."
                    "</li></ul>",
                ),
                (
                    "info",
                    "Epäiletkö huijausta?",
                    "<p>Ota kuvakaappaus ja kerro viestistä opettajalle. Älä vastaa viestiin.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Att känna igen bedrägerier på nätet",
            "slug": "bedragerier-pa-natet",
            "intro": "Skolan lär eleverna att känna igen nätbedrägerier och innehåll som "
            "skapats av artificiell intelligens. Vårdnadshavaren kan stödja samma sak hemma.",
            "body": [
                ("h", "Prata tillsammans om det här"),
                (
                    "p",
                    "<ul><li>Ett brådskande meddelande som ber dig logga in via en länk är ofta "
                    "ett bedrägeri.</li><li>Skolan frågar aldrig efter lösenord per e-post.</li>"
                    "<li>En bild eller video kan vara gjord av AI fast den ser äkta ut.</li></ul>",
                ),
                (
                    "info",
                    "Misstänker du bedrägeri?",
                    "<p>Ta en skärmdump och berätta om meddelandet för läraren. Svara inte på "
                    "meddelandet.</p>",
                ),
            ],
        },
    },
    {
        "key": "tietosuoja-huoltajille",
        "type": "guide",
        "section": "huoltajat",
        "audiences": ["huoltaja"],
        "schools": [],
        "fi": {
            "title": "Tietosuoja koulun digipalveluissa",
            "slug": "tietosuoja",
            "intro": "Koulu käyttää vain palveluja, joiden tietosuoja on arvioitu ja joista on "
            "tehty tietosuojasopimus.",
            "body": [
                (
                    "p",
                    "<p>Jokainen opetuksessa käytettävä palvelu käy läpi hankintaprosessin, jossa "
                    "tarkistetaan EU:n tietosuoja-asetuksen vaatimukset ja tarvittaessa tehdään "
                    "vaikutustenarviointi. Digitalisaation asiantuntija ja johto tarkistavat "
                    "jokaisen lukuvuoden alussa, että sopimukset ovat voimassa.</p>",
                ),
                (
                    "info",
                    "Tietosuojaselosteet",
                    "<p>Palvelujen tietosuojaselosteet saa koulun kansliasta. Kysymykset voi "
                    "lähettää rehtorille.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Dataskydd i skolans digitala tjänster",
            "slug": "dataskydd",
            "intro": "Skolan använder bara tjänster vars dataskydd har bedömts och för vilka "
            "ett dataskyddsavtal har ingåtts.",
            "body": [
                (
                    "p",
                    "<p>Varje tjänst som används i undervisningen går igenom en "
                    "upphandlingsprocess där kraven i EU:s dataskyddsförordning kontrolleras och "
                    "vid behov görs en konsekvensbedömning. Digitaliseringsexperten och "
                    "ledningen kontrollerar i början av varje läsår att avtalen är giltiga.</p>",
                ),
                (
                    "info",
                    "Dataskyddsbeskrivningar",
                    "<p>Tjänsternas dataskyddsbeskrivningar fås från skolans kansli. Frågor kan "
                    "skickas till rektorn.</p>",
                ),
            ],
        },
    },
    {
        "key": "tulostus-kotona",
        "type": "guide",
        "section": "huoltajat",
        "audiences": ["huoltaja"],
        "schools": ["maunun-koulu"],
        "fi": {
            "title": "Kotitehtävien palauttaminen sähköisesti",
            "slug": "kotitehtavien-palautus",
            "intro": "Maunun koulussa kotitehtävät palautetaan digitaalisen työpöydän kautta, "
            "eikä niitä tarvitse tulostaa.",
            "body": [
                (
                    "p",
                    "<p>Oppilas avaa tehtävän työpöydältä, tekee sen laitteellaan ja painaa "
                    "Palauta. Opettaja antaa palautteen samassa palvelussa.</p>",
                ),
                (
                    "info",
                    "Ei tulostinta kotona?",
                    "<p>Paperia ei tarvita. Jos tehtävä vaatii tulostetta, koulu tulostaa sen.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Att lämna in läxor digitalt",
            "slug": "lamna-in-laxor",
            "intro": "I Maunun koulu lämnas läxorna in via det digitala skrivbordet och behöver "
            "inte skrivas ut.",
            "body": [
                (
                    "p",
                    "<p>Eleven öppnar uppgiften på skrivbordet, gör den på sin enhet och trycker "
                    "på Lämna in. Läraren ger respons i samma tjänst.</p>",
                ),
                (
                    "info",
                    "Ingen skrivare hemma?",
                    "<p>Papper behövs inte. Om en uppgift kräver en utskrift skriver skolan ut "
                    "den.</p>",
                ),
            ],
        },
    },
    # ------------------------------------------------------------------ skills
    {
        "key": "osaamismerkit-1-2",
        "type": "skill",
        "section": "osaaminen",
        "audiences": ["opettaja", "huoltaja"],
        "schools": [],
        "grades": (1, 2),
        "fi": {
            "title": "Digitaidot 1.–2. luokalla",
            "slug": "digitaidot-1-2",
            "intro": "Ensimmäisillä luokilla opetellaan laitteen peruskäyttö ja turvallinen "
            "kirjautuminen.",
            "badge": "Digitaitojen alkeet",
            "goals": [
                "Osaan käynnistää laitteen ja kirjautua omalla tunnuksellani.",
                "Osaan ottaa kuvan ja tallentaa sen.",
                "Tiedän, että salasanaa ei kerrota kaverille.",
            ],
            "questions": [
                "Osaanko kirjautua ilman apua?",
                "Tiedänkö, keneltä pyydän apua, jos laite ei toimi?",
            ],
            "body": [
                (
                    "p",
                    "<p>Opettaja ohjaa merkin suorittamista oppitunneilla. Merkin jälkeen oppilas "
                    "arvioi omaa osaamistaan.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Digitala färdigheter i årskurs 1–2",
            "slug": "digitala-fardigheter-1-2",
            "intro": "I de första årskurserna lär sig eleverna grunderna i att använda enheten "
            "och att logga in tryggt.",
            "badge": "Digitala grunder",
            "goals": [
                "Jag kan starta enheten och logga in med mitt konto.",
                "Jag kan ta en bild och spara den.",
                "Jag vet att man inte berättar sitt lösenord för en kompis.",
            ],
            "questions": [
                "Kan jag logga in utan hjälp?",
                "Vet jag vem jag ska be om hjälp om enheten inte fungerar?",
            ],
            "body": [
                (
                    "p",
                    "<p>Läraren handleder arbetet med märket under lektionerna. Efter märket "
                    "bedömer eleven sitt eget kunnande.</p>",
                ),
            ],
        },
    },
    {
        "key": "osaamismerkit-3-4",
        "type": "skill",
        "section": "osaaminen",
        "audiences": ["opettaja", "huoltaja"],
        "schools": [],
        "grades": (3, 4),
        "fi": {
            "title": "Digitaidot 3.–4. luokalla",
            "slug": "digitaidot-3-4",
            "intro": "Kolmannella luokalla oppilas saa henkilökohtaisen laitteen ja oppii "
            "tallentamaan ja jakamaan töitään.",
            "badge": "Tiedostot ja tallentaminen",
            "goals": [
                "Osaan tallentaa työni pilvipalveluun ja löytää sen myöhemmin.",
                "Osaan kirjoittaa lyhyen tekstin ja lisätä siihen kuvan.",
                "Osaan palauttaa tehtävän digitaalisella työpöydällä.",
            ],
            "questions": [
                "Löydänkö eilen tallentamani työn?",
                "Osaanko palauttaa tehtävän itse?",
            ],
            "body": [
                (
                    "p",
                    "<p>Alakoulun opettajat saavat tarvittaessa luokka-astekohtaista opastusta "
                    "osaamismerkkien opettamiseen digitalisaation asiantuntijalta.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Digitala färdigheter i årskurs 3–4",
            "slug": "digitala-fardigheter-3-4",
            "intro": "I årskurs tre får eleven en personlig enhet och lär sig spara och dela "
            "sina arbeten.",
            "badge": "Filer och sparande",
            "goals": [
                "Jag kan spara mitt arbete i molntjänsten och hitta det senare.",
                "Jag kan skriva en kort text och lägga till en bild.",
                "Jag kan lämna in en uppgift på det digitala skrivbordet.",
            ],
            "questions": [
                "Hittar jag arbetet som jag sparade i går?",
                "Kan jag lämna in en uppgift själv?",
            ],
            "body": [
                (
                    "p",
                    "<p>Lärarna i de lägre årskurserna får vid behov handledning per årskurs i "
                    "hur kompetensmärkena undervisas av digitaliseringsexperten.</p>",
                ),
            ],
        },
    },
    {
        "key": "osaamismerkit-5-6",
        "type": "skill",
        "section": "osaaminen",
        "audiences": ["opettaja", "huoltaja"],
        "schools": [],
        "grades": (5, 6),
        "fi": {
            "title": "Tietoturvataidot 5.–6. luokalla",
            "slug": "tietoturvataidot-5-6",
            "intro": "Viides ja kuudes luokka harjoittelevat omien tunnusten suojaamista ja "
            "huijausten tunnistamista.",
            "badge": "Turvallinen verkkokäyttäjä",
            "goals": [
                "Ymmärrän, miksi omat tunnukset ja salasana pidetään salassa.",
                "Tunnistan tavallisimmat verkkohuijaukset.",
                "Osaan arvioida, onko kuva tai teksti voinut syntyä tekoälyllä.",
            ],
            "questions": [
                "Mistä tunnistan huijausviestin?",
                "Mitä teen, jos joku pyytää salasanaani?",
            ],
            "body": [
                (
                    "info",
                    "Seuranta",
                    "<p>Rehtori ja koulun TVT-vastaava seuraavat merkkien suorittamista, ja "
                    "digitalisaation asiantuntija käy koko kunnan tilastot läpi rehtoreiden "
                    "kanssa.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Informationssäkerhet i årskurs 5–6",
            "slug": "informationssakerhet-5-6",
            "intro": "Årskurs fem och sex övar på att skydda sina användaruppgifter och att "
            "känna igen bedrägerier.",
            "badge": "Trygg nätanvändare",
            "goals": [
                "Jag förstår varför mitt konto och lösenord hålls hemliga.",
                "Jag känner igen de vanligaste nätbedrägerierna.",
                "Jag kan bedöma om en bild eller text kan ha skapats av AI.",
            ],
            "questions": [
                "Hur känner jag igen ett bedrägerimeddelande?",
                "Vad gör jag om någon ber om mitt lösenord?",
            ],
            "body": [
                (
                    "info",
                    "Uppföljning",
                    "<p>Rektorn och skolans IKT-ansvariga följer upp hur märkena avläggs, och "
                    "digitaliseringsexperten går igenom statistiken för hela kommunen med "
                    "rektorerna.</p>",
                ),
            ],
        },
    },
    {
        "key": "osaamismerkit-7-9",
        "type": "skill",
        "section": "osaaminen",
        "audiences": ["opettaja", "huoltaja"],
        "schools": ["maunun-koulu"],
        "grades": (7, 9),
        "fi": {
            "title": "Tietotekniikka 7.–9. luokalla",
            "slug": "tietotekniikka-7-9",
            "intro": "Yläkoulun tuntijakoon on lisätty tietotekniikan opetusta 0,33 "
            "vuosiviikkotuntia luokka-astetta kohden.",
            "badge": "Digitaalinen tekijä",
            "goals": [
                "Osaan tehdä monimediaesityksen, kuten videon tai animaation.",
                "Osaan viitata lähteisiin ja noudattaa tekijänoikeuksia.",
                "Osaan ottaa käyttöön monivaiheisen tunnistautumisen.",
            ],
            "questions": [
                "Kenen oikeuksia käyttämäni kuva koskee?",
                "Onko tililläni käytössä monivaiheinen tunnistautuminen?",
            ],
            "body": [
                (
                    "p",
                    "<p>Aineenopettajat saavat tukea oppiaineittain. Luovia töitä tehdään "
                    "myös teemapäivinä ja monialaisten oppimiskokonaisuuksien viikoilla.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Informationsteknik i årskurs 7–9",
            "slug": "informationsteknik-7-9",
            "intro": "I högstadiets timfördelning har undervisningen i informationsteknik "
            "utökats med 0,33 årsveckotimmar per årskurs.",
            "badge": "Digital skapare",
            "goals": [
                "Jag kan göra en multimediepresentation, till exempel en video eller animation.",
                "Jag kan hänvisa till källor och följa upphovsrätten.",
                "Jag kan ta i bruk flerstegsautentisering.",
            ],
            "questions": [
                "Vems rättigheter gäller bilden jag använder?",
                "Har mitt konto flerstegsautentisering?",
            ],
            "body": [
                (
                    "p",
                    "<p>Ämneslärarna får stöd ämnesvis. Kreativa arbeten görs också på "
                    "temadagar och under veckorna för mångvetenskapliga lärområden.</p>",
                ),
            ],
        },
    },
    {
        "key": "ohjelmointi-3-6",
        "type": "skill",
        "section": "osaaminen",
        "audiences": ["opettaja"],
        "schools": ["pikkolan-koulu"],
        "grades": (3, 6),
        "fi": {
            "title": "Ohjelmoinnin alkeet 3.–6. luokalla (Kangasala)",
            "slug": "ohjelmointi-3-6",
            "intro": "Kangasalan Pikkolan koulussa ohjelmointia harjoitellaan "
            "palikkaohjelmoinnilla ja pienillä roboteilla.",
            "badge": "Pieni koodari",
            "goals": [
                "Osaan antaa tarkkoja, järjestyksessä eteneviä ohjeita.",
                "Osaan käyttää toistoa ja ehtoa palikkaohjelmassa.",
                "Osaan etsiä ja korjata virheen omasta ohjelmastani.",
            ],
            "questions": [
                "Miten löysin virheen ohjelmastani?",
            ],
            "body": [
                (
                    "p",
                    "<p>Taitokuvaus on tehty seudullisena yhteistyönä, jotta kuntien ei tarvitse "
                    "laatia samaa materiaalia erikseen.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Grunderna i programmering i årskurs 3–6 (Kangasala)",
            "slug": "programmering-3-6",
            "intro": "I Pikkolan koulu i Kangasala övar eleverna programmering med "
            "blockprogrammering och små robotar.",
            "badge": "Liten kodare",
            "goals": [
                "Jag kan ge exakta instruktioner i rätt ordning.",
                "Jag kan använda upprepning och villkor i ett blockprogram.",
                "Jag kan hitta och rätta ett fel i mitt program.",
            ],
            "questions": [
                "Hur hittade jag felet i mitt program?",
            ],
            "body": [
                (
                    "p",
                    "<p>Färdighetsbeskrivningen har gjorts i regionalt samarbete, så att "
                    "kommunerna inte behöver ta fram samma material var för sig.</p>",
                ),
            ],
        },
    },
]

PAGES += [
    # ------------------------------------------------------------------ staff guides
    {
        "key": "turvatulostus",
        "type": "guide",
        "section": "henkilosto",
        "audiences": ["opettaja", "koulusihteeri", "rehtori"],
        "schools": [],
        "fi": {
            "title": "Turvatulostus",
            "slug": "turvatulostus",
            "intro": "Turvatulostuksessa tuloste tulee ulos vasta, kun tunnistaudut tulostimella. "
            "Näin oppilaiden tiedot eivät jää tulostimen luukkuun.",
            "body": [
                (
                    "steps",
                    [
                        (
                            "Valitse turvatulostusjono",
                            "<p>Tulosta tavalliseen tapaan ja valitse "
                            "tulostimeksi koulun turvatulostusjono.</p>",
                            None,
                        ),
                        (
                            "Tunnistaudu tulostimella",
                            "<p>Näytä kulkukorttisi tulostimen "
                            "lukijalle tai kirjaudu tunnuksellasi.</p>",
                            None,
                        ),
                        (
                            "Valitse tulostettavat työt",
                            "<p>Tulosteet säilyvät jonossa "
                            "vuorokauden, minkä jälkeen ne poistuvat.</p>",
                            None,
                        ),
                    ],
                ),
                (
                    "info",
                    "Laiteriippumaton tulostus",
                    "<p>Samaan jonoon voi tulostaa myös omalta puhelimelta tai iPadilta. "
                    "Ohjeet saa koulun TVT-vastaavalta.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Säker utskrift",
            "slug": "saker-utskrift",
            "intro": "Vid säker utskrift kommer utskriften ut först när du identifierar dig vid "
            "skrivaren. Då blir elevernas uppgifter inte liggande i skrivaren.",
            "body": [
                (
                    "steps",
                    [
                        (
                            "Välj kön för säker utskrift",
                            "<p>Skriv ut som vanligt och välj "
                            "skolans kö för säker utskrift som skrivare.</p>",
                            None,
                        ),
                        (
                            "Identifiera dig vid skrivaren",
                            "<p>Visa ditt passerkort för "
                            "skrivarens läsare eller logga in med ditt konto.</p>",
                            None,
                        ),
                        (
                            "Välj vilka jobb som skrivs ut",
                            "<p>Utskrifterna finns kvar i kön ett dygn, sedan raderas de.</p>",
                            None,
                        ),
                    ],
                ),
                (
                    "info",
                    "Enhetsoberoende utskrift",
                    "<p>Du kan skriva ut till samma kö också från din telefon eller iPad. "
                    "Instruktioner får du av skolans IKT-ansvariga.</p>",
                ),
            ],
        },
    },
    {
        "key": "mfa",
        "type": "guide",
        "section": "henkilosto",
        "audiences": ["opettaja", "rehtori", "koulusihteeri", "tvt-vastaava"],
        "schools": [],
        "fi": {
            "title": "Monivaiheinen tunnistautuminen (MFA)",
            "slug": "mfa",
            "intro": "Opetushenkilöstö kirjautuu työpalveluihin monivaiheisella "
            "tunnistautumisella. Oppilaille sitä suositellaan.",
            "body": [
                (
                    "steps",
                    [
                        (
                            "Asenna tunnistussovellus",
                            "<p>Asenna työpuhelimeen tietohallinnon "
                            "ohjeistama tunnistussovellus.</p>",
                            None,
                        ),
                        (
                            "Rekisteröi sovellus",
                            "<p>Kirjaudu työtunnuksellasi ja lue näytöllä "
                            "näkyvä QR-koodi sovelluksella.</p>",
                            None,
                        ),
                        (
                            "Tallenna varakoodit",
                            "<p>Säilytä varakoodit paikassa, johon pääset ilman puhelinta.</p>",
                            None,
                        ),
                    ],
                ),
                (
                    "warning",
                    "Et pyytänyt kirjautumista?",
                    "<p>Hylkää pyyntö ja ilmoita asiasta heti tietohallintoon. Joku voi yrittää "
                    "käyttää tunnustasi.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Flerstegsautentisering (MFA)",
            "slug": "mfa",
            "intro": "Undervisningspersonalen loggar in i arbetstjänsterna med "
            "flerstegsautentisering. För elever rekommenderas det.",
            "body": [
                (
                    "steps",
                    [
                        (
                            "Installera autentiseringsappen",
                            "<p>Installera den app som "
                            "IT-förvaltningen anvisat på din arbetstelefon.</p>",
                            None,
                        ),
                        (
                            "Registrera appen",
                            "<p>Logga in med ditt arbetskonto och läs av "
                            "QR-koden på skärmen med appen.</p>",
                            None,
                        ),
                        (
                            "Spara reservkoderna",
                            "<p>Förvara reservkoderna där du kommer åt dem utan telefonen.</p>",
                            None,
                        ),
                    ],
                ),
                (
                    "warning",
                    "Bad du inte om att logga in?",
                    "<p>Avvisa begäran och meddela genast IT-förvaltningen. Någon kan försöka "
                    "använda ditt konto.</p>",
                ),
            ],
        },
    },
    {
        "key": "sijaistunnukset",
        "type": "guide",
        "section": "henkilosto",
        "audiences": ["koulusihteeri", "rehtori"],
        "schools": [],
        "fi": {
            "title": "Lyhytaikaiset sijaistunnukset",
            "slug": "sijaistunnukset",
            "intro": "Lyhyelle sijaiselle luodaan henkilökohtainen määräaikainen tunnus. "
            "Yhteisiä sijaistunnuksia ei käytetä.",
            "body": [
                (
                    "steps",
                    [
                        (
                            "Tilaa tunnus",
                            "<p>Koulusihteeri tilaa tunnuksen sijaisen nimellä ja "
                            "sijaisuuden päivämäärillä.</p>",
                            "koulusihteeri",
                        ),
                        (
                            "Anna sijaiskannettava",
                            "<p>Alakouluissa on yksi ja yläkoulussa kolme sijaiskannettavaa.</p>",
                            "koulusihteeri",
                        ),
                        (
                            "Tunnus sulkeutuu itsestään",
                            "<p>Tunnus lakkaa toimimasta sijaisuuden viimeisen päivän jälkeen.</p>",
                            None,
                        ),
                    ],
                ),
                (
                    "warning",
                    "Älä lainaa omaa tunnustasi",
                    "<p>Oman tunnuksen antaminen sijaiselle avaa pääsyn oppilaiden tietoihin. "
                    "Se on kielletty.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Kortvariga vikariekonton",
            "slug": "vikariekonton",
            "intro": "För en kort vikarie skapas ett personligt tidsbegränsat konto. "
            "Gemensamma vikariekonton används inte.",
            "body": [
                (
                    "steps",
                    [
                        (
                            "Beställ kontot",
                            "<p>Skolsekreteraren beställer kontot i vikariens "
                            "namn med vikariatets datum.</p>",
                            "koulusihteeri",
                        ),
                        (
                            "Ge en vikariedator",
                            "<p>Lågstadieskolorna har en och högstadiet tre "
                            "bärbara datorer för vikarier.</p>",
                            "koulusihteeri",
                        ),
                        (
                            "Kontot stängs automatiskt",
                            "<p>Kontot slutar fungera efter vikariatets sista dag.</p>",
                            None,
                        ),
                    ],
                ),
                (
                    "warning",
                    "Låna inte ut ditt eget konto",
                    "<p>Att ge sitt eget konto till en vikarie öppnar tillgång till elevernas "
                    "uppgifter. Det är förbjudet.</p>",
                ),
            ],
        },
    },
    {
        "key": "yksi-tunnus",
        "type": "guide",
        "section": "henkilosto",
        "audiences": ["opettaja", "rehtori"],
        "schools": [],
        "fi": {
            "title": "Yhden tunnuksen periaate",
            "slug": "yhden-tunnuksen-periaate",
            "intro": "Tavoitteena on, että opetushenkilöstö pääsee kaikkiin työssä tarvittaviin "
            "palveluihin yhdellä kirjautumistunnuksella.",
            "body": [
                (
                    "p",
                    "<p>Digitaalinen työpöytä kokoaa palvelut yhteen näkymään. Kun uusi palvelu "
                    "hankitaan, varmistetaan, että siihen voi kirjautua samalla tunnuksella.</p>",
                ),
                (
                    "table",
                    [
                        ["Lukuvuosi", "Tavoite"],
                        ["2024–2025", "Selvitetään yhden tunnuksen käytön tilanne."],
                        ["2025–2026", "Toimitaan selvityksen pohjalta."],
                        ["2026–2027", "Opetushenkilöstö toimii yhdellä tunnuksella."],
                    ],
                ),
            ],
        },
        "sv": {
            "title": "Principen om ett konto",
            "slug": "principen-om-ett-konto",
            "intro": "Målet är att undervisningspersonalen når alla tjänster som behövs i "
            "arbetet med ett enda inloggningskonto.",
            "body": [
                (
                    "p",
                    "<p>Det digitala skrivbordet samlar tjänsterna i en vy. När en ny tjänst "
                    "upphandlas säkerställs att man kan logga in i den med samma konto.</p>",
                ),
                (
                    "table",
                    [
                        ["Läsår", "Mål"],
                        ["2024–2025", "Läget för användningen av ett konto utreds."],
                        ["2025–2026", "Man agerar utifrån utredningen."],
                        ["2026–2027", "Undervisningspersonalen arbetar med ett konto."],
                    ],
                ),
            ],
        },
    },
    {
        "key": "kosketusnaytto",
        "type": "guide",
        "section": "henkilosto",
        "audiences": ["opettaja"],
        "schools": ["maunun-koulu"],
        "fi": {
            "title": "Luokan kosketusnäyttö ja dokumenttikamera",
            "slug": "kosketusnaytto",
            "intro": "Maunun koulun jokaisessa opetustilassa on 86 tuuman kosketusnäyttö, "
            "dokumenttikamera, telakka ja kaiutin.",
            "body": [
                (
                    "steps",
                    [
                        (
                            "Liitä kannettava telakkaan",
                            "<p>Kuva ja ääni siirtyvät näytölle yhdellä johdolla.</p>",
                            None,
                        ),
                        (
                            "Valitse lähde näytöltä",
                            "<p>Dokumenttikamera näkyy omana lähteenään.</p>",
                            None,
                        ),
                        (
                            "Sammuta tunnin lopuksi",
                            "<p>Näyttö sammuu itsestään, mutta irrota kannettava ennen lähtöä.</p>",
                            None,
                        ),
                    ],
                ),
                (
                    "info",
                    "Alakouluissa",
                    "<p>Alakouluissa on kaksi kosketusnäyttöä koulua kohden; muissa luokissa on "
                    "dataprojektori ja telakka.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Klassrummets pekskärm och dokumentkamera",
            "slug": "pekskarm",
            "intro": "I varje undervisningsutrymme i Maunun koulu finns en 86 tums pekskärm, "
            "en dokumentkamera, en docka och en högtalare.",
            "body": [
                (
                    "steps",
                    [
                        (
                            "Anslut datorn till dockan",
                            "<p>Bild och ljud går till skärmen med en enda kabel.</p>",
                            None,
                        ),
                        (
                            "Välj källa på skärmen",
                            "<p>Dokumentkameran syns som en egen källa.</p>",
                            None,
                        ),
                        (
                            "Stäng av efter lektionen",
                            "<p>Skärmen stängs av automatiskt, men "
                            "koppla loss datorn innan du går.</p>",
                            None,
                        ),
                    ],
                ),
                (
                    "info",
                    "I lågstadieskolorna",
                    "<p>Lågstadieskolorna har två pekskärmar per skola; i övriga klassrum finns "
                    "en dataprojektor och en docka.</p>",
                ),
            ],
        },
    },
    {
        "key": "tekijanoikeudet",
        "type": "guide",
        "section": "henkilosto",
        "audiences": ["opettaja"],
        "schools": [],
        "fi": {
            "title": "Tekijänoikeudet opetuksessa",
            "slug": "tekijanoikeudet",
            "intro": "Opetuksessa saa käyttää toisten tekemää materiaalia, kun tunnet "
            "lupien rajat.",
            "body": [
                (
                    "p",
                    "<p>Tarkista aina materiaalin käyttöehdot ennen kuin jaat sitä oppilaille. "
                    "Merkitse lähde näkyviin ja suosi avoimesti lisensoitua materiaalia.</p>",
                ),
                (
                    "info",
                    "Tekoälyn tuottama materiaali",
                    "<p>Kerro oppilaille, kun materiaali on tehty tekoälyllä, ja tarkista sen "
                    "sisältö ennen käyttöä.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Upphovsrätt i undervisningen",
            "slug": "upphovsratt",
            "intro": "I undervisningen får du använda material som andra gjort när du känner "
            "till gränserna för tillstånden.",
            "body": [
                (
                    "p",
                    "<p>Kontrollera alltid villkoren för materialet innan du delar det med "
                    "eleverna. Ange källan synligt och föredra öppet licensierat material.</p>",
                ),
                (
                    "info",
                    "Material som skapats av AI",
                    "<p>Berätta för eleverna när materialet är gjort med AI och granska "
                    "innehållet innan du använder det.</p>",
                ),
            ],
        },
    },
    {
        "key": "tekoaly-opetuksessa",
        "type": "guide",
        "section": "henkilosto",
        "audiences": ["opettaja", "tvt-vastaava"],
        "schools": ["pikkolan-koulu", "kirkkojarven-koulu"],
        "fi": {
            "title": "Tekoälytyökalut opetuksessa (Kangasala)",
            "slug": "tekoaly-opetuksessa",
            "intro": "Kangasalan kouluissa kokeillaan tekoälyä hyödyntäviä opetustyökaluja. "
            "Käytä vain tietosuojan osalta hyväksyttyjä palveluja.",
            "body": [
                (
                    "p",
                    "<p>Hyväksytyt palvelut on listattu digitaalisella työpöydällä. Jos haluat "
                    "kokeilla uutta palvelua, pyydä sen arviointia hankintaprosessin kautta.</p>",
                ),
                (
                    "warning",
                    "Ei oppilaiden henkilötietoja",
                    "<p>Älä syötä oppilaiden nimiä, arvosanoja tai muita henkilötietoja "
                    "tekoälypalveluun.</p>",
                ),
            ],
        },
        "sv": {
            "title": "AI-verktyg i undervisningen (Kangasala)",
            "slug": "ai-i-undervisningen",
            "intro": "I Kangasalas skolor provas undervisningsverktyg som använder AI. Använd "
            "bara tjänster som godkänts med tanke på dataskyddet.",
            "body": [
                (
                    "p",
                    "<p>De godkända tjänsterna finns listade på det digitala skrivbordet. Om du "
                    "vill prova en ny tjänst, be om en bedömning via upphandlingsprocessen.</p>",
                ),
                (
                    "warning",
                    "Inga personuppgifter om elever",
                    "<p>Mata inte in elevernas namn, vitsord eller andra personuppgifter i en "
                    "AI-tjänst.</p>",
                ),
            ],
        },
    },
    # ------------------------------------------------------------------ processes
    {
        "key": "hankintaprosessi",
        "type": "process",
        "section": "prosessit",
        "audiences": ["opettaja", "rehtori", "digitalisaation-asiantuntija"],
        "schools": [],
        "responsible": ["digitalisaation-asiantuntija", "rehtori"],
        "related": ["tietosuoja-huoltajille", "tekoaly-opetuksessa"],
        "fi": {
            "title": "Digitaalisen palvelun hankintaprosessi",
            "slug": "hankintaprosessi",
            "intro": "Uusi opetuksen sovellus otetaan käyttöön vasta, kun sen tietosuoja ja "
            "saavutettavuus on tarkistettu.",
            "steps": [
                (
                    "Opettaja tekee ehdotuksen",
                    "<p>Kerro, mihin opetuksen tarpeeseen palvelu "
                    "vastaa ja ketkä sitä käyttäisivät.</p>",
                    "opettaja",
                ),
                (
                    "Tietosuojatarkistus (GDPR)",
                    "<p>Tarkistetaan, noudattaako palvelu EU:n "
                    "tietosuoja-asetusta ja voidaanko siitä tehdä tietosuojasopimus.</p>",
                    "digitalisaation-asiantuntija",
                ),
                (
                    "Vaikutustenarviointi (DPIA)",
                    "<p>Jos palvelu käsittelee oppilaiden "
                    "henkilötietoja laajasti, tehdään tietosuojan vaikutustenarviointi ja "
                    "riskiarvio.</p>",
                    "digitalisaation-asiantuntija",
                ),
                (
                    "Saavutettavuus",
                    "<p>Varmistetaan, että palvelu täyttää saavutettavuusvaatimukset.</p>",
                    "digitalisaation-asiantuntija",
                ),
                (
                    "Päätös ja tiedotus",
                    "<p>Rehtori päättää käyttöönotosta ja opettajille "
                    "tiedotetaan hyväksytyistä palveluista.</p>",
                    "rehtori",
                ),
            ],
            "body": [
                (
                    "p",
                    '<p>Tee ehdotus <a href="/fi/palvelut/pyynto/">palvelupyyntölomakkeella</a>. '
                    'Pyynnöt ja niiden vaiheet näkyvät <a href="/fi/palvelut/pyynnot/">'
                    "palvelupyyntöjen jonossa</a>, ja päätökset "
                    '<a href="/fi/palvelut/">palvelurekisterissä</a>.</p>',
                ),
                (
                    "info",
                    "Lukuvuoden alun tarkistus",
                    "<p>Jokaisen lukuvuoden alussa tarkistetaan, että sopimukset ovat voimassa, "
                    "riskiarviot ajan tasalla ja suojatoimet tehty.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Upphandlingsprocessen för digitala tjänster",
            "slug": "upphandlingsprocessen",
            "intro": "En ny app för undervisningen tas i bruk först när dess dataskydd och "
            "tillgänglighet har kontrollerats.",
            "steps": [
                (
                    "Läraren lämnar ett förslag",
                    "<p>Berätta vilket behov i undervisningen "
                    "tjänsten svarar mot och vilka som skulle använda den.</p>",
                    "opettaja",
                ),
                (
                    "Kontroll av dataskyddet (GDPR)",
                    "<p>Man kontrollerar att tjänsten följer EU:s "
                    "dataskyddsförordning och att ett dataskyddsavtal kan ingås.</p>",
                    "digitalisaation-asiantuntija",
                ),
                (
                    "Konsekvensbedömning (DPIA)",
                    "<p>Om tjänsten behandlar elevernas "
                    "personuppgifter i stor omfattning görs en konsekvensbedömning avseende "
                    "dataskydd och en riskbedömning.</p>",
                    "digitalisaation-asiantuntija",
                ),
                (
                    "Tillgänglighet",
                    "<p>Man säkerställer att tjänsten uppfyller tillgänglighetskraven.</p>",
                    "digitalisaation-asiantuntija",
                ),
                (
                    "Beslut och information",
                    "<p>Rektorn beslutar om ibruktagandet och lärarna "
                    "informeras om de godkända tjänsterna.</p>",
                    "rehtori",
                ),
            ],
            "body": [
                (
                    "p",
                    '<p>Lämna ett förslag med <a href="/sv/tjanster/begaran/">formuläret för '
                    "begäran om tjänst</a>. Begärandena och deras steg finns i <a "
                    'href="/sv/tjanster/begaranden/">kön av begäranden</a>, och besluten i '
                    '<a href="/sv/tjanster/">tjänsteregistret</a>.</p>',
                ),
                (
                    "info",
                    "Kontroll i början av läsåret",
                    "<p>I början av varje läsår kontrolleras att avtalen är giltiga, att "
                    "riskbedömningarna är aktuella och att skyddsåtgärderna har vidtagits.</p>",
                ),
            ],
        },
    },
    {
        "key": "laitehuolto",
        "type": "process",
        "section": "prosessit",
        "audiences": ["tvt-vastaava", "opettaja", "koulusihteeri"],
        "schools": [],
        "responsible": ["tvt-vastaava"],
        "related": ["laite-rikki", "oppilaan-laite"],
        "fi": {
            "title": "Laitehuolto ja vikailmoitus",
            "slug": "laitehuolto",
            "intro": "Näin rikkoutunut oppilaan tai opettajan laite kulkee huoltoon ja takaisin.",
            "steps": [
                (
                    "Vian toteaminen",
                    "<p>Opettaja toteaa vian ja antaa oppilaalle varalaitteen.</p>",
                    "opettaja",
                ),
                (
                    "Vikailmoitus",
                    "<p>TVT-vastaava kirjaa vian tietohallinnon palvelupyyntöön.</p>",
                    "tvt-vastaava",
                ),
                (
                    "Huolto",
                    "<p>IT-kumppani hakee laitteen koululta ja korjaa tai vaihtaa "
                    "sen palvelusopimuksen mukaan.</p>",
                    None,
                ),
                (
                    "Palautus",
                    "<p>Koulusihteeri kirjaa laitteen palautetuksi ja varalaite palautetaan.</p>",
                    "koulusihteeri",
                ),
            ],
            "body": [
                (
                    "p",
                    "<p>Laitteet hankitaan palvelumallilla, joten huolto ja vaihtolaitteet "
                    "sisältyvät kuukausimaksuun.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Enhetsservice och felanmälan",
            "slug": "enhetsservice",
            "intro": "Så här går en trasig elev- eller lärarenhet till service och tillbaka.",
            "steps": [
                (
                    "Felet konstateras",
                    "<p>Läraren konstaterar felet och ger eleven en reservenhet.</p>",
                    "opettaja",
                ),
                (
                    "Felanmälan",
                    "<p>Den IKT-ansvariga registrerar felet som en servicebegäran "
                    "till IT-förvaltningen.</p>",
                    "tvt-vastaava",
                ),
                (
                    "Service",
                    "<p>IT-partnern hämtar enheten från skolan och reparerar eller "
                    "byter ut den enligt serviceavtalet.</p>",
                    None,
                ),
                (
                    "Återlämning",
                    "<p>Skolsekreteraren registrerar att enheten återlämnats och "
                    "reservenheten lämnas tillbaka.</p>",
                    "koulusihteeri",
                ),
            ],
            "body": [
                (
                    "p",
                    "<p>Enheterna skaffas enligt en tjänstemodell, så service och "
                    "ersättningsenheter ingår i månadsavgiften.</p>",
                ),
            ],
        },
    },
    {
        "key": "yhteisollinen-suunnittelu",
        "type": "process",
        "section": "prosessit",
        "audiences": ["opettaja", "rehtori", "tvt-vastaava"],
        "schools": ["maunun-koulu", "laukolan-koulu", "kirkonkylan-koulu"],
        "responsible": ["opettaja", "rehtori"],
        "related": [],
        "fi": {
            "title": "Ruskon yhteisöllisen suunnittelun malli",
            "slug": "yhteisollinen-suunnittelu",
            "intro": "Opettajatiimit suunnittelevat yhdessä oppitunteja, joissa käytetään "
            "digitaalisia palveluja, ja saavat suunnittelusta korvauksen.",
            "steps": [
                (
                    "Tiimi sopii aiheen",
                    "<p>Kaksi tai useampi opettaja valitsee "
                    "oppimiskokonaisuuden, johon digitaalisia palveluja tuodaan.</p>",
                    "opettaja",
                ),
                (
                    "Digiasiantuntija mukaan",
                    "<p>Tiimi voi pyytää koulun digiasiantuntijan tapaamiseensa.</p>",
                    "tvt-vastaava",
                ),
                (
                    "Suunnitelma kirjataan",
                    "<p>Suunnitelma tallennetaan yhteiseen kansioon, "
                    "jotta muutkin voivat käyttää sitä.</p>",
                    "opettaja",
                ),
                (
                    "Korvaus koulutusrahasta",
                    "<p>Rehtori hyväksyy tiimin tunnit, ja korvaus maksetaan koulutusrahasta.</p>",
                    "rehtori",
                ),
            ],
            "body": [
                (
                    "p",
                    "<p>Tiimien kokoontumisista, luoduista ja toteutuneista suunnitelmista "
                    "kerätään tietoa. Aihe otetaan esiin myös kehityskeskusteluissa.</p>",
                ),
            ],
        },
        "sv": {
            "title": "Ruskos modell för gemensam planering",
            "slug": "gemensam-planering",
            "intro": "Lärarteam planerar tillsammans lektioner där digitala tjänster används och "
            "får ersättning för planeringen.",
            "steps": [
                (
                    "Teamet kommer överens om ämnet",
                    "<p>Två eller flera lärare väljer en helhet där digitala tjänster tas in.</p>",
                    "opettaja",
                ),
                (
                    "Digiexperten deltar",
                    "<p>Teamet kan be skolans digiexpert delta i mötet.</p>",
                    "tvt-vastaava",
                ),
                (
                    "Planen dokumenteras",
                    "<p>Planen sparas i en gemensam mapp så att även andra kan använda den.</p>",
                    "opettaja",
                ),
                (
                    "Ersättning ur utbildningsfonden",
                    "<p>Rektorn godkänner teamets timmar och "
                    "ersättningen betalas ur utbildningsfonden.</p>",
                    "rehtori",
                ),
            ],
            "body": [
                (
                    "p",
                    "<p>Uppgifter samlas in om teamens möten och om planer som gjorts och "
                    "genomförts. Ämnet tas också upp i utvecklingssamtalen.</p>",
                ),
            ],
        },
    },
    {
        "key": "uuden-tyontekijan-tunnukset",
        "type": "process",
        "section": "prosessit",
        "audiences": ["koulusihteeri", "rehtori"],
        "schools": [],
        "responsible": ["koulusihteeri"],
        "related": ["mfa", "yksi-tunnus"],
        "fi": {
            "title": "Uuden työntekijän tunnukset ja laitteet",
            "slug": "uuden-tyontekijan-tunnukset",
            "intro": "Uusi opettaja saa tunnuksen, puhelimen ja kannettavan ennen ensimmäistä "
            "työpäiväänsä.",
            "steps": [
                (
                    "Tunnuksen tilaus",
                    "<p>Koulusihteeri tilaa tunnuksen, kun työsopimus on allekirjoitettu.</p>",
                    "koulusihteeri",
                ),
                (
                    "Laitteiden luovutus",
                    "<p>Opettaja saa puhelimen ja kannettavan; alakoulun opettaja myös iPadin.</p>",
                    "koulusihteeri",
                ),
                (
                    "MFA ja perehdytys",
                    "<p>TVT-vastaava auttaa ottamaan monivaiheisen "
                    "tunnistautumisen käyttöön ja esittelee digitaalisen työpöydän.</p>",
                    "tvt-vastaava",
                ),
            ],
            "body": [],
        },
        "sv": {
            "title": "Konton och enheter för en ny anställd",
            "slug": "nyanstalld-konton",
            "intro": "En ny lärare får konto, telefon och bärbar dator före sin första arbetsdag.",
            "steps": [
                (
                    "Beställning av konto",
                    "<p>Skolsekreteraren beställer kontot när arbetsavtalet har undertecknats.</p>",
                    "koulusihteeri",
                ),
                (
                    "Utlämning av enheter",
                    "<p>Läraren får en telefon och en bärbar dator; "
                    "lärare i lågstadiet också en iPad.</p>",
                    "koulusihteeri",
                ),
                (
                    "MFA och introduktion",
                    "<p>Den IKT-ansvariga hjälper till att ta i bruk "
                    "flerstegsautentisering och presenterar det digitala skrivbordet.</p>",
                    "tvt-vastaava",
                ),
            ],
            "body": [],
        },
    },
    # ------------------------------------------------------------------ memos
    {
        "key": "rehtorikokous-2025-05",
        "type": "memo",
        "section": "muistiot",
        "audiences": ["rehtori"],
        "schools": [],
        "date": (2025, 5, 20),
        "fi": {
            "title": "Rehtorikokouksen muistio 20.5.2025",
            "slug": "rehtorikokous-2025-05-20",
            "intro": "Lukuvuoden 2025–2026 laitehankinnat ja osaamismerkkien seuranta.",
            "meeting": "Ruskon rehtorikokous",
            "participants": "Rehtorit (Maunun, Laukolan ja Kirkonkylän koulu)\n"
            "Digitalisaation asiantuntija\nSivistysjohtaja",
            "decisions": [
                "<p>Henkilökohtaiset laitteet annetaan syksystä 2025 alkaen "
                "3.–9.-luokkalaisille.</p>",
                "<p>Osaamismerkkien suorittamista seurataan koulukohtaisesti kerran "
                "lukukaudessa.</p>",
            ],
            "body": [],
        },
        "sv": {
            "title": "Minnesanteckningar från rektorsmötet 20.5.2025",
            "slug": "rektorsmote-2025-05-20",
            "intro": "Anskaffning av enheter för läsåret 2025–2026 och uppföljning av "
            "kompetensmärkena.",
            "meeting": "Rektorsmötet i Rusko",
            "participants": "Rektorerna (Maunun, Laukolan och Kirkonkylän koulu)\n"
            "Digitaliseringsexperten\nBildningsdirektören",
            "decisions": [
                "<p>Från och med hösten 2025 får elever i årskurs 3–9 personliga enheter.</p>",
                "<p>Hur kompetensmärkena avläggs följs upp skolvis en gång per termin.</p>",
            ],
            "body": [],
        },
    },
    {
        "key": "rehtorikokous-2026-08",
        "type": "memo",
        "section": "muistiot",
        "audiences": ["rehtori", "digitalisaation-asiantuntija"],
        "schools": [],
        "date": (2026, 8, 6),
        "fi": {
            "title": "Rehtorikokouksen muistio 6.8.2026",
            "slug": "rehtorikokous-2026-08-06",
            "intro": "Lukuvuoden alun tietosuojatarkistus ja lukuvuoden kehittämisteema.",
            "meeting": "Ruskon rehtorikokous",
            "participants": "Rehtorit\nDigitalisaation asiantuntija\nSivistysjohtaja",
            "decisions": [
                "<p>Digitalisaation asiantuntija tarkistaa syyskuun loppuun mennessä, että "
                "palvelujen tietosuojasopimukset ja vaikutustenarvioinnit ovat voimassa.</p>",
                "<p>Lukuvuoden kehittämisteemaksi valitaan poissaolojen seuranta, ja sitä "
                "tarkastellaan oppilashallinnon raporteilla.</p>",
                "<p>Kaikki ohjeet tarkistetaan lukuvuodelle 2026–2027 lokakuun loppuun "
                "mennessä.</p>",
            ],
            "body": [],
        },
        "sv": {
            "title": "Minnesanteckningar från rektorsmötet 6.8.2026",
            "slug": "rektorsmote-2026-08-06",
            "intro": "Dataskyddskontrollen i början av läsåret och läsårets utvecklingstema.",
            "meeting": "Rektorsmötet i Rusko",
            "participants": "Rektorerna\nDigitaliseringsexperten\nBildningsdirektören",
            "decisions": [
                "<p>Digitaliseringsexperten kontrollerar före slutet av september att "
                "tjänsternas dataskyddsavtal och konsekvensbedömningar är giltiga.</p>",
                "<p>Läsårets utvecklingstema blir uppföljning av frånvaro, som granskas med "
                "elevförvaltningens rapporter.</p>",
                "<p>Alla anvisningar granskas för läsåret 2026–2027 före slutet av oktober.</p>",
            ],
            "body": [],
        },
    },
    {
        "key": "digitiimi-2026-09",
        "type": "memo",
        "section": "muistiot",
        "audiences": ["tvt-vastaava", "digitalisaation-asiantuntija"],
        "schools": [],
        "date": (2026, 9, 15),
        "fi": {
            "title": "Seudullisen digitiimin muistio 15.9.2026",
            "slug": "digitiimi-2026-09-15",
            "intro": "Tampereen seudun digitiimi: yhteinen hankintaprosessi ja sijaistunnukset.",
            "meeting": "Tampereen seudun digitiimi",
            "participants": "Kuntien digitalisaation asiantuntijat (mm. Rusko, Kangasala, "
            "Lempäälä)",
            "decisions": [
                "<p>Seudulla otetaan käyttöön yhtenäinen hankintaprosessi opetuksen "
                "sovelluksille, ja tietosuojaselosteet laaditaan yhdessä.</p>",
                "<p>Lyhytaikaisten sijaistunnusten palvelua pilotoidaan Ruskossa ja "
                "Kangasalla.</p>",
            ],
            "body": [],
        },
        "sv": {
            "title": "Minnesanteckningar från det regionala digiteamet 15.9.2026",
            "slug": "digiteamet-2026-09-15",
            "intro": "Tammerforsregionens digiteam: gemensam upphandlingsprocess och "
            "vikariekonton.",
            "meeting": "Tammerforsregionens digiteam",
            "participants": "Kommunernas digitaliseringsexperter (bl.a. Rusko, Kangasala, "
            "Lempäälä)",
            "decisions": [
                "<p>Regionen inför en enhetlig upphandlingsprocess för appar i undervisningen, "
                "och dataskyddsbeskrivningarna utarbetas tillsammans.</p>",
                "<p>En tjänst för kortvariga vikariekonton pilottestas i Rusko och Kangasala.</p>",
            ],
            "body": [],
        },
    },
]
