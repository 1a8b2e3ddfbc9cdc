"""The editable assumptions of the default scenarios, in one place.

Every figure here is either a seed figure of the 2024 call (DESIGN §1) or an assumption that the
LEEME sheet of the generated workbooks states in Spanish. Change a rule here, rebuild with
``python -m planner.data build`` and the workbooks and their LEEME follow.
"""

from __future__ import annotations

from planner.core import schema

SEED = 20240411  # date of the 2024 call (11 April 2024)

# --- seed figures of the 2024 call --------------------------------------------------------------
SPECIALISTS_CALL = 4_010
GENERAL_DOCTORS_CALL = 5_850
BONUS_ELIGIBLE_HOSPITALS = 282
TARGET_GPS_PER_CENTRE = 2
# «al menos un médico y dos enfermeras» per centre (the seeds' words)
TARGET_NURSES_PER_CENTRE = 2
BONUS_ZONE_2 = schema.BONUS_2024[(schema.SPECIALTY, 2)]  # 10,979 MXN
BONUS_ZONE_3 = schema.BONUS_2024[(schema.SPECIALTY, 3)]  # 10,000 MXN

# Split of the 4,010 specialist candidates (the call does not publish one): 70 % for the six
# trunk specialties, 30 % for the other nine. Trunk first, as the call lists them.
SPECIALIST_SUPPLY: dict[str, int] = {
    "Anestesiología": 560,
    "Ginecología y obstetricia": 520,
    "Pediatría": 480,
    "Cirugía general": 450,
    "Medicina interna": 420,
    "Urgencias": 380,
    "Neonatología": 180,
    "Traumatología y ortopedia": 170,
    "Imagenología": 160,
    "Medicina crítica": 150,
    "Anatomía patológica": 130,
    "Cardiología": 120,
    "Psiquiatría": 110,
    "Oftalmología": 110,
    "Dermatología": 70,
}


def national_budget() -> float:
    """Monthly bonus budget B: every one of the 4,010 specialists paid the Zona 2 bonus."""
    return SPECIALISTS_CALL * BONUS_ZONE_2


# --- economic zones (assumption) ----------------------------------------------------------------
# Zona 3: the states of the northern border and tourist areas with the highest cost of living;
# every other IMSS-Bienestar state is Zona 2. Editable per unit in the 'zona' column.
ZONE_3_STATES: dict[str, str] = {
    "02": "Baja California", "03": "Baja California Sur", "23": "Quintana Roo", "26": "Sonora",
}
HIDALGO_ZONE = 2


def zone_of(cve_ent: str) -> int:
    """Economic zone (2 or 3) of a state by its two-digit INEGI code."""
    return 3 if cve_ent in ZONE_3_STATES else 2


# --- people per household (families) ------------------------------------------------------------
# Families = uninsured population / occupants per inhabited dwelling. The ratio is computed from
# the INEGI 2020 figures of Hidalgo's localities and rounded to one decimal (3.6, equal to the
# national 2020 average), and used for every state.
HOUSEHOLD_DECIMALS = 1

# --- hospital staffing norm (assumption) --------------------------------------------------------
# A service open 24 h, 7 days needs 5 specialists per position (morning, evening, night A,
# night B and the weekend shift). Community hospitals: one 24/7 position in each trunk specialty.
# General hospitals: two in each trunk specialty, one 24/7 in neonatology, critical care and
# trauma, day posts in the rest. Required = max(real or synthesised posts, norm).
SHIFTS_24_7 = 5
NORM: dict[str, dict[str, int]] = {
    "comunitario": {k: SHIFTS_24_7 for k in schema.TRUNK_SPECIALTIES},
    "general": {
        **{k: 2 * SHIFTS_24_7 for k in schema.TRUNK_SPECIALTIES},
        "Neonatología": SHIFTS_24_7, "Medicina crítica": SHIFTS_24_7,
        "Traumatología y ortopedia": SHIFTS_24_7, "Imagenología": 2, "Psiquiatría": 1,
        "Dermatología": 1, "Oftalmología": 1, "Cardiología": 1, "Anatomía patológica": 1,
    },
}

# Norms of the real hospitals whose type is neither general nor community (issue 27): the
# 24/7 posts of the services such a hospital runs. Alta especialidad/regional, 'otro' and
# unclassified hospitals take the general norm.
NORM["materno"] = {"Ginecología y obstetricia": 2 * SHIFTS_24_7, "Pediatría": SHIFTS_24_7,
                   "Anestesiología": 2 * SHIFTS_24_7, "Neonatología": SHIFTS_24_7,
                   "Urgencias": SHIFTS_24_7}
NORM["pediatrico"] = {"Pediatría": 2 * SHIFTS_24_7, "Anestesiología": SHIFTS_24_7,
                      "Cirugía general": SHIFTS_24_7, "Neonatología": SHIFTS_24_7,
                      "Urgencias": SHIFTS_24_7, "Medicina crítica": SHIFTS_24_7}
NORM["psiquiatrico"] = {"Psiquiatría": SHIFTS_24_7, "Medicina interna": 2}
# Need from activity: the norm is scaled by the hospital's discharges against the median of its
# class (hospitals that report some), kept between these bounds.
ACTIVITY_MIN, ACTIVITY_MAX = 0.5, 2.0

# --- Hidalgo -------------------------------------------------------------------------------------
HIDALGO = "13"
# CLUES typology codes of health centres (rural/urban by number of basic teams, and centre with
# beds); mobile units (P), UNEMES and specialty clinics (T) are not health centres.
CENTRE_TYPOLOGIES = tuple("ABCDEFGHIJKL") + ("Q", "S", "Z")
# SINERHIAS typology of the hospitals -> class of the norm (None: specialised, keeps its posts).
HOSPITAL_CLASS = {"M": "general", "N": "comunitario", "O": None, "Y": None}
# Hidalgo's bonus-eligible hospitals: those in municipalities of these grades (7 of 18, 39 %,
# the national share 282 / 700; only 2 Hidalgo hospitals are in 'alto' or 'muy alto').
HIDALGO_ELIGIBLE_GRADES = ("medio", "alto", "muy alto")

# SINERHIAS column stem -> trunk specialty.
SINERHIAS_TRUNK = {
    "pediatra": "Pediatría",
    "ginecoobstetra": "Ginecología y obstetricia",
    "cirujano": "Cirugía general",
    "internista": "Medicina interna",
    "anestesiologo": "Anestesiología",
    "urgenciologo": "Urgencias",
}

# --- national synthesis --------------------------------------------------------------------------
NATIONAL_CENTRES = 12_000
NATIONAL_HOSPITALS = 700
# A synthetic hospital is a general hospital when its municipality has at least this many people
# (classifies 13 of Hidalgo's 16 real general/community hospitals correctly), else community.
GENERAL_HOSPITAL_MIN_POP = 45_000
# Grade groups used to estimate Hidalgo's ratios (grades with few units in Hidalgo are pooled).
CENTRE_GRADE_GROUP = {"muy bajo": "muy bajo", "bajo": "bajo", "medio": "medio",
                      "alto": "alto o muy alto", "muy alto": "alto o muy alto"}
HOSPITAL_GRADE_GROUP = {"muy bajo": "muy bajo", "bajo": "bajo", "medio": "medio o más",
                        "alto": "medio o más", "muy alto": "medio o más"}
# Scatter of a unit around its municipality's synthetic point (degrees).
JITTER_DEG = 0.03

# CLUES two-letter state abbreviations (DGIS), for well-formed synthetic codes "OCSIM000001".
CLUES_STATE = {
    "01": "AS", "02": "BC", "03": "BS", "04": "CC", "05": "CL", "06": "CM", "07": "CS",
    "08": "CH", "09": "DF", "10": "DG", "11": "GT", "12": "GR", "13": "HG", "14": "JC",
    "15": "MC", "16": "MN", "17": "MS", "18": "NT", "19": "NL", "20": "OC", "21": "PL",
    "22": "QT", "23": "QR", "24": "SP", "25": "SL", "26": "SR", "27": "TC", "28": "TS",
    "29": "TL", "30": "VZ", "31": "YN", "32": "ZS",
}
STATE_OF_CLUES = {v: k for k, v in CLUES_STATE.items()}
SYNTHETIC_TAG = "SIM"
