"""The signals of each page status as data: phrases, titles and markup, generic across sites.

Title and text patterns are lower-case regular expressions run over the page's title and
visible text, whitespace-collapsed, lower-cased and with typographic apostrophes made plain
first (case-insensitive matching is twice as slow). Markup signals are lower-case literal
strings looked for in the lower-cased page bytes: substring tests stay fast on megabyte pages
where a regex does not.
"""

from __future__ import annotations

import re


def _any(*alternatives: str) -> re.Pattern[str]:
    """One pattern matching any of the lower-case alternatives (texts are lower-cased first)."""
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


# --- blocked: bot walls, captchas and challenge pages ------------------------------------------
BLOCKED_TITLE = _any(
    r"^just a moment",
    r"^attention required",
    r"^access denied\b",
    r"^(?:security|browser|bot) (?:check|verification)",
    r"^(?:are you a robot|robot check|pardon our interruption|verifying you are human)",
    r"^(?:please wait|one more step)\b.*cloudflare",
    r"^ddos-guard",
    r"^you have been blocked",
    r"^zugriff verweigert",
    r"^access to this page has been denied",
)
BLOCKED_TEXT = _any(
    r"checking (?:your browser|your connection|if the site connection is secure)",
    r"needs to review the security of your connection",
    r"enable javascript and cookies to continue",
    r"please (?:verify|confirm) (?:that )?you are (?:a )?human",
    r"verify(?:ing)? you are (?:a )?human",
    r"press (?:&|and) hold to confirm you are",
    r"you don't have permission to access .{0,200} on this server",
    r"sorry, you have been blocked|why have i been blocked",
    r"request unsuccessful\. incapsula incident",
    r"unusual traffic from your computer network",
    r"something about your browser made us think you were a bot",
    r"please complete the security check to access",
    r"bitte bestätigen sie, dass sie ein mensch sind",
    r"please enable js and disable any ad blocker",
)
# Markup only challenge pages carry. Bot-manager scripts that normal pages load too (Cloudflare
# jsd, DataDome tags, PerimeterX client, Incapsula resources) are not listed.
BLOCKED_MARKUP = (
    "_cf_chl_opt", "__cf_chl_", "cf-chl-", "cf-browser-verification", "cf-error-details",
    "challenge-form", "challenge-running", "challenge-error-text", "challenge-stage",
    "px-captcha", "_pxcaptcha", "geo.captcha-delivery.com", "ct.captcha-delivery.com",
    "/_sec/cp_challenge", "sec-if-cpt",
)  # fmt: skip
# Captcha widgets: normal pages use them in comment and newsletter forms, so they count only
# on pages with almost no text.
CAPTCHA_WIDGET = (
    "g-recaptcha", "h-captcha", "cf-turnstile", "challenges.cloudflare.com/turnstile",
    "hcaptcha.com/1/api", "google.com/recaptcha/",
)  # fmt: skip

# --- consent: a cookie or privacy wall instead of the page -------------------------------------
# Titles of consent pages (not words like "consent" alone, which news headlines use).
CONSENT_TITLE = _any(
    r"privacy (?:settings|preferences|choices|center|centre)\b",
    r"cookie (?:settings|preferences|consent)\b|consent (?:required|preferences)",
    r"^before you continue",
    r"^bevor sie (?:zu \w+ )?weitergehen",
    r"yahoo is part of the yahoo family",
    r"datenschutz-?einstellungen|(?:zustimmung|einwilligung) erforderlich",
    r"mit werbung oder|\bpur-abo\b",
    r"paramètres de (?:confidentialité|cookies)|gestion des cookies|avant d'accéder",
    r"configuración de (?:privacidad|cookies)|impostazioni (?:della )?privacy",
)
CONSENT_TEXT = _any(
    r"we value your privacy",
    r"before you continue to \w+",
    r"bevor sie zu \w+ weitergehen",
    r"we and our (?:\d+ )?(?:partners|vendors) (?:store|use|process)",
    r"wir und unsere (?:\d+ )?partner",
    r"(?:ihre|eine) (?:zustimmung|einwilligung) (?:zu|in|für)|zustimmen und weiter",
    r"mit werbung (?:und tracking )?(?:weiter)?lesen|werbefrei (?:weiter)?lesen",
    r"nous respectons votre vie privée|vos choix concernant (?:les cookies|vos données)",
    r"nosotros y nuestros socios|valoramos tu privacidad",
    r"noi e terze parti selezionate",
    r"your privacy choices? (?:matters?|is important)",
)
# Consent-manager scripts, iframes and forms: nearly every news page loads one, so they count
# only when the page has almost no text of its own.
CONSENT_MARKUP = (
    "consent.google.com", "consent.youtube.com", "consent.yahoo.com", "guce.yahoo.com",
    "guce.aol.com", "collectconsent", "sp_message_iframe", "sp_message_container",
    "privacy-mgmt.com", "sourcepoint", "consentmanager.net", "__tcfapi", "__cmp(", "didomi",
    "onetrust", "cookielaw.org", "usercentrics", "cookiebot", "trustarc", "consensu.org",
    "iubenda", "quantcast.mgr", "cookie-consent", "cookieconsent", "consent-banner",
)  # fmt: skip

# --- soft404: a "not found" page served with 2xx ----------------------------------------------
NOT_FOUND_TITLE = _any(
    r"\b404\b",
    r"\bnot found\b|\bpage (?:does not|doesn't) exist",
    r"nicht gefunden|existiert nicht|fehlerseite",
    r"page introuvable|page non trouvée|n'existe (?:pas|plus)",
    r"página no encontrada|pagina non trovata|pagina niet gevonden|sidan hittades inte",
    r"(?:no longer|not) available\b|nicht mehr verfügbar|plus disponible",
)
NOT_FOUND_TEXT = _any(
    r"the (?:page|article|story|content) you (?:are|were|'re) looking for"
    r" (?:could not be found|cannot be found|can't be found|does not exist|doesn't exist"
    r"|is no longer available|has been (?:removed|moved|deleted))",
    r"(?:we )?(?:couldn't|could not|can't|cannot) find (?:the|that|this) page",
    r"this (?:page|article|story|content) (?:is no longer available|no longer exists"
    r"|does not exist|doesn't exist|has been removed)",
    r"die (?:von ihnen )?(?:aufgerufene|angeforderte|gesuchte) seite"
    r" (?:existiert nicht|wurde nicht gefunden|konnte nicht gefunden|ist nicht)",
    r"(?:dieser artikel|diese seite) (?:ist nicht mehr verfügbar|existiert nicht)",
    r"la page (?:que vous (?:recherchez|cherchez|demandez) )?(?:n'existe (?:pas|plus)"
    r"|est introuvable)",
    r"error 404|fehler 404|erreur 404",
)
NOT_FOUND_STATUSES = frozenset({404, 410})

# --- paywall: the article cut off behind a subscription ----------------------------------------
# meta article:content_tier values that mean the article is not free.
LOCKED_TIERS = frozenset({"locked", "metered", "premium", "subscriber", "paid"})
# Class or id words of paywall containers and overlays (matched against each word).
PAYWALL_MARKUP = _any(
    r"paywall|pay-wall|regwall|reg-wall|meteredcontent|^tp-modal|^tp-backdrop",
    r"^piano-(?:offer|paywall|inline|template)|subscribers?-only|content-locked",
    r"locked-content|article-locked|premium-wall|abo-wall|plus-wall|offer-wall",
)
# Class or id words that say there is no paywall.
NO_PAYWALL_MARKUP = _any(
    r"(?:^|[-_])(?:no|non|not|without)[-_]?paywall", r"paywall[-_]?(?:free|off|disabled|none)"
)
# Prompts that say this article continues only for subscribers: a paywall when shown.
PAYWALL_PROMPT = _any(
    r"subscribe (?:now )?to (?:continue|keep) reading",
    r"(?:to|and) continue reading,? (?:please )?(?:subscribe|log in|sign in|become)",
    r"(?:this|the) (?:article|story|content) is (?:only )?(?:for|available (?:to|for)"
    r"|reserved for|exclusive(?:ly)? for) (?:paying |our )?(?:subscribers|members)",
    r"the rest of this (?:article|story) is (?:only )?(?:for|available)",
    r"you(?:'ve| have) (?:reached|used) (?:your|all of your) (?:free )?(?:article|story)",
    r"continue reading (?:with|by) (?:a )?(?:subscri|becoming)",
    r"become a (?:subscriber|member) to (?:read|continue)",
    r"(?:register|sign up|create a free account|log in|sign in) (?:for free )?to (?:continue"
    r"|keep) reading",
    r"registrieren und weiterlesen|jetzt diesen artikel lesen|gleich können sie weiterlesen",
    r"jetzt weiterlesen mit|weiterlesen mit (?:\w+ ?)?(?:\+|plus\b|abo)",
    r"(?:dieser )?artikel ist (?:nur|exklusiv) für (?:abonnenten|abonnentinnen|abonnierende)",
    r"(?:dieser inhalt|diesen artikel) (?:ist )?(?:nur |exklusiv )?für abonnent",
    r"um (?:diesen artikel|den artikel|weiter) (?:weiter)?zu ?lesen",
    r"cet article est réservé aux abonnés|la suite est réservée|abonnez-vous pour lire la suite",
    r"pour (?:lire|continuer) la suite(?: de cet article)?,? (?:et |abonnez|connectez|créez"
    r"|inscrivez|identifiez)",
    r"suscríbete para (?:seguir|continuar) leyendo|contenido exclusivo para suscriptores",
    r"abbonati per (?:continuare|leggere)|per continuare a leggere",
    r"lees verder met|log in om verder te lezen",
)
# How a body cut off in mid-text ends (the preview's last sentence trails off).
CUT_ENDING = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*$")
# Notices that say how much of the article is missing: a paywall even with a long preview.
# The share is read from the first digit of a number only, so a run of digits is scanned once.
# Every notice holds TRUNCATION_MARK: a page text without it is not searched.
TRUNCATION_MARK = "%"
TRUNCATION_NOTICE = _any(
    r"il vous reste \d+(?:[.,]\d+)? ?% de cet article à lire",
    r"(?<!\d)\d++(?:[.,]\d++)? ?% (?:of this article|de cet article|dieses artikels)"
    r" (?:remain|left|rest)",
)
# Labels that mark content as for subscribers: also on teasers to other articles, so weak.
SUBSCRIBER_LABEL = _any(
    r"réservé aux abonnés|(?:nur|exklusiv) für abonnenten|subscribers? only",
    r"exclusive (?:to|for) subscribers",
    r"solo para suscriptores|riservato agli abbonati|alleen voor abonnees",
)

# --- teaser: only a lead, with a link to the full story elsewhere ------------------------------
READ_FULL_LINK = _any(
    r"^read (?:the )?(?:full|whole|complete|entire) (?:story|article|report)\b",
    r"^(?:view|see) (?:the )?full (?:story|article)\b",
    r"^full (?:story|article)\b",
    r"^continue reading (?:on|at) ",
    r"^(?:zum|den) (?:vollständigen|ganzen|kompletten) (?:artikel|beitrag)",
    r"^(?:ganzen|vollständigen) (?:artikel|beitrag) lesen",
    r"^lire l'article (?:complet|en entier)",
    r"^(?:leer|ver) (?:la noticia|el artículo) complet[oa]",
    r"^leggi l'articolo completo",
)
