"""News agencies and the credits that name them, in any language: organisations, never people."""

from __future__ import annotations

# News and photo agencies credited in bylines, as printed (compared case-insensitively).
AGENCIES = (
    "reuters", "thomson reuters", "ap", "associated press", "the associated press", "afp",
    "agence france-presse", "agence france presse", "yonhap", "yonhap news agency", "dpa",
    "deutsche presse-agentur", "apa", "sda", "kna", "epd", "afp/dpa", "dpa/afp", "efe",
    "ansa", "kyodo", "kyodo news", "xinhua", "bloomberg", "upi", "pa", "pa media",
    "press association", "anadolu", "anadolu agency", "aa", "tass", "ria novosti", "interfax",
    "ians", "pti", "ani", "cna", "ntb", "tt", "ritzau", "belga", "anp", "lusa", "europa press",
    "sid", "dapd", "ddp", "reuters-yonhap", "ap-yonhap", "afp-yonhap", "epa", "epa-efe", "ats",
    "keystone-sda", "ctk", "pap", "mti", "hina", "tanjug", "bernama", "antara", "aap", "nzpa",
    "cp", "the canadian press", "canadian press", "jiji", "jiji press", "kyodo news agency",
    "newsis", "news1", "연합뉴스", "뉴시스", "뉴스1",
)  # fmt: skip
# Credits to agencies or wires in general ("Staff and agencies").
WIRE_CREDITS = (
    "agencies", "wires", "news agencies", "wire services", "staff reports", "staff report",
)  # fmt: skip
# Web addresses' endings that make a credit a site ("example.com").
SITE_DOMAINS = ("com", "org", "net", "de", "at", "ch", "fr", "co", "uk", "kr", "es", "it", "nl")

# Agencies, stock libraries and pools whose name alone makes a short fragment a credit.
# Regex fragments; wider than AGENCIES (stock libraries and pools credit photos, never stories).
PHOTO_SOURCES = (
    r"getty", r"reuters", r"ap", r"afp", r"dpa", r"epa", r"efe", r"imago", r"shutterstock",
    r"istock", r"istockphoto", r"alamy", r"keystone", r"picture[- ]alliance", r"yonhap",
    r"newsis", r"xinhua", r"bloomberg", r"anadolu", r"apa", r"sda", r"ansa", r"kyodo",
    r"wikimedia", r"unsplash", r"pexels", r"stock\.adobe\.com", r"adobe stock",
    r"europa press", r"zuma", r"sipa", r"abaca",
)  # fmt: skip
