"""Demo data for the yearly report: last year's texts and the centres' regular-user estimates,
so the demo report reads like a real one. Runs after the centres', activities' and house
meetings' demo data (``seed_demo`` calls each app in layer order)."""

from centres.demo import DemoContext
from reports.services import save_estimate, save_texts

SERVICE_TEXTS = {
    "summary": (
        "Møteplassene var åpne hele året, med flere besøk enn året før. Flere aktiviteter ble "
        "ledet av brukerne selv, og husmøtene bestemte mye av programmet."
    ),
    "highlights": (
        "Sommerturen til Hovedøya samlet alle tre møteplassene. Strikkekafeen på Sentrum og "
        "middagene på Grünerløkka har blitt faste samlingspunkter."
    ),
    "challenges": (
        "Kostnader hindrer fortsatt mange i å bli med på turer ut. Vi har fått midler til "
        "billetter, men de rekker ikke til alle ønskene fra husmøtene."
    ),
    "next-year": (
        "Vi vil prøve kveldsåpent én dag i uka, og gi flere brukere mulighet til å lede "
        "aktiviteter med støtte fra de ansatte."
    ),
}

CENTRE_TEXTS = {
    "sentrum": {
        "highlights": "Strikkekafeen fylte bordet hver tirsdag, og to brukere tok over ledelsen i høst.",
        "house-meetings": "Brukerne ba om lengre åpningstid på fredager og flere turer ut i byen.",
        "challenges": "Lokalet blir trangt på de travleste dagene rundt lunsj.",
    },
    "grunerlokka": {
        "highlights": "Torsdagsmiddagene og salgsboden på julemarkedet.",
        "house-meetings": "Ønsker om billigere turer og et malekurs ledet av en bruker.",
        "challenges": "Færre ansatte i sommerferien ga kortere åpningstid i juli.",
    },
    "toyen": {
        "highlights": "Treningsgruppen startet på nytt, ledet av to brukere.",
        "house-meetings": "Husreglene om kjøkkenet ble diskutert og endret.",
        "challenges": "Mange nye besøkende etter sommeren; vi trenger flere frivillige.",
    },
}

ESTIMATES = {
    "sentrum": (85, "antall vi kjenner igjen en vanlig uke i oktober"),
    "grunerlokka": (70, "faste deltakere i aktivitetene en vanlig uke i november"),
    "toyen": (60, "de ansattes anslag etter en vanlig uke i oktober"),
}


def seed(ctx: DemoContext) -> None:
    last_year = ctx.today.year - 1
    coordinator = next(
        ctx.staff[username] for role, username, _password in ctx.logins if role == "coordinator"
    )
    staff = [ctx.staff[username] for role, username, _password in ctx.logins if role == "staff"]
    save_texts(year=last_year, centre=None, texts=SERVICE_TEXTS, by=coordinator)
    for centre in ctx.centres:
        key = centre.slug.split("-")[0]
        writer = next(
            (user for user in staff if user.memberships.filter(centre=centre).exists()),
            coordinator,
        )
        if key in CENTRE_TEXTS:
            save_texts(year=last_year, centre=centre, texts=CENTRE_TEXTS[key], by=writer)
        if key in ESTIMATES:
            estimate, method = ESTIMATES[key]
            for year, share in ((last_year, 1.0), (ctx.today.year, 1.1)):
                save_estimate(
                    year=year,
                    centre=centre,
                    estimate=round(estimate * share),
                    method=method,
                    by=writer,
                )
