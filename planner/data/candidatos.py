"""A SYNTHETIC national registration list for the ``candidatos`` sheet (issue 14), seeded.

Consistent with the 2024 call's progress report (2,706 specialists and 12,968 general doctors
registered, mexiconews.tv 2024-05-04): registration by state follows each state's share of the
doctors in the 2026 per-unit hiring pipeline (``candidatos_2026_por_entidad.csv``, UAS stage), a
small floor keeping every state in; specialists split among specialties like ``oferta``. Each
candidate lists 1 to 5 options (mostly in their own state) leaning to less marginalized, larger
places: a unit's draw weight is √population × a grade factor (muy bajo 3 … muy alto 1). Every
option holds at least one post (gap) of the candidate's category. No real person is in it.

Nurses (issue 27): as many ``Enfermería general`` candidates as the 2026 pipeline's nursing
candidates (stage UAS, every phase and status: the supply of ``oferta``, a 2026 figure),
registered by state like that pipeline's nurses per state (``candidatos_por_unidad_y_fase``),
the same floor; options drawn like the general doctors' (centres: nurse posts are at centres),
and a real unit with 2026 nursing candidates and a nurse post listed by exactly that many. Their
rows follow every doctor's (folios after the doctors'), and the doctors' rows are drawn first,
so they are the same rows as without nurses.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from planner.core import schema
from planner.data import rules
from planner.data.allocate import largest_remainder
from planner.data.sources import FUENTES

REGISTRATION_FILE = "candidatos_2026_por_entidad.csv"
NURSES_FILE = "candidatos_por_unidad_y_fase_20260822.csv"  # real_units.HIRING_FILE
SPECIALISTS_REGISTERED = 2_706  # 2024 call, progress report before the 23-Apr close
GPS_REGISTERED = 12_968
STREAM = 7  # independent of planner.data.nacional's streams 1-6
GRADE_PULL = {"muy bajo": 3.0, "bajo": 2.5, "medio": 2.0, "alto": 1.2, "muy alto": 1.0}
N_OPTIONS_P = (0.15, 0.20, 0.30, 0.15, 0.20)  # how many options a candidate lists (1..5)
OWN_STATE_P = 0.8  # an option falls in the registration state
# option form: (CLUES, municipality, whole state)
FORM_P = {"general": (0.55, 0.44, 0.01), "specialty": (0.70, 0.22, 0.08)}
STATE_FLOOR = 0.02  # every state gets at least 2 % of the largest state's weight


def load_registration(folder: str | Path = FUENTES) -> pd.DataFrame:
    """Doctors per state in the 2026 hiring pipeline (UAS stage, all phases)."""
    return pd.read_csv(Path(folder) / REGISTRATION_FILE, dtype={"cve_ent": str})


def nurse_registration(folder: str | Path = FUENTES) -> pd.DataFrame:
    """Nursing candidates per state in the 2026 hiring pipeline (UAS stage, every phase):
    ``cve_ent, enfermeria_uas``, and their national total (it counts also the rows of the file
    without a state: the national supply of ``oferta``, planner.data.nacional.nurse_supply)."""
    df = pd.read_csv(Path(folder) / NURSES_FILE, dtype={"cve_ent": str, "clues": str})
    by_state = (df.groupby("cve_ent", sort=True)["uas_enfermeria"].sum()
                .rename("enfermeria_uas").reset_index())
    return by_state, int(df["uas_enfermeria"].sum())


def state_counts(reg: pd.DataFrame, states: list[str], column: str, total: int) -> pd.Series:
    """``total`` registrations split among ``states`` by the pipeline's shares (with a floor)."""
    w = reg.set_index("cve_ent")[column].reindex(states).fillna(0).to_numpy(dtype=float)
    w = np.maximum(w, STATE_FLOOR * w.max())
    return pd.Series(largest_remainder(total, w), index=states)


# the 2026 hiring file's position names (normalised) -> planner category
PUESTO_CATEGORY = {
    "MEDICINA GENERAL": schema.GENERAL_CATEGORY, "MEDICO GENERAL": schema.GENERAL_CATEGORY,
    "ANESTESIOLOGIA": "Anestesiología", "ANESTESIOLOGO": "Anestesiología",
    "CIRUGIA GENERAL": "Cirugía general", "CIRUJANO GENERAL": "Cirugía general",
    "MEDICINA DE URGENCIAS": "Urgencias",
    "GINECOLOGIA Y OBSTETRICIA": "Ginecología y obstetricia",
    "GINECOLOGIA Y OBSTERICIA": "Ginecología y obstetricia",
    "PEDIATRIA MEDICA": "Pediatría", "MEDICINA INTERNA": "Medicina interna",
    "TRAUMATOLOGIA Y ORTOPEDIA": "Traumatología y ortopedia",
    "RADIOLOGIA E IMAGEN": "Imagenología",
    "MEDICO ESPECIALISTA IMAGENOLOGIA DIAGNOSTICA Y TERAPEUTICA": "Imagenología",
    "MEDICINA CRITICA": "Medicina crítica", "MEDICO CRITICA": "Medicina crítica",
    "MEDICINA EN EL ENFERMO EN ESTADO CRITICO": "Medicina crítica",
    "NEONATOLOGIA": "Neonatología", "PSIQUIATRIA": "Psiquiatría",
    "ANATOMIA PATOLOGICA": "Anatomía patológica", "OFTALMOLOGIA": "Oftalmología",
    "CARDIOLOGIA CLINICA": "Cardiología", "DERMATOLOGIA": "Dermatología",
}
PIPELINE_FILE = "candidatos_por_unidad_puesto_estatus_20260822.csv"
PIPELINE_STAGE = "UAS"


def real_counts(folder: str | Path = FUENTES) -> pd.DataFrame:
    """Candidates per (CLUES, category) in the 2026 hiring file: stage UAS, every status and
    phase, positions mapped to the planner's categories (every position of the file's
    «Enfermería» category to ``Enfermería general``, the planner's one nursing category; others
    dropped)."""
    from planner.data.municipios import normalise
    df = pd.read_csv(Path(folder) / PIPELINE_FILE, dtype={"clues": str, "fase": str})
    df = df[df["etapa"] == PIPELINE_STAGE]
    mapped = df["puesto"].map(lambda p: PUESTO_CATEGORY.get(normalise(p)))
    nursing = df["categoria"].map(lambda c: normalise(str(c)) == "ENFERMERIA")
    df = df.assign(categoria=mapped.where(~nursing, schema.NURSING_CATEGORY))
    df = df[df["categoria"].notna()]
    return (df.groupby(["clues", "categoria"], sort=True)["n"].sum().rename("n")
            .reset_index())


def registration_list(units: pd.DataFrame, staff: pd.DataFrame,
                      folder: str | Path = FUENTES) -> pd.DataFrame:
    """The ``candidatos`` sheet: ``folio, categoria, clave_entidad, opcion_1..5, puntaje``.

    ``units`` are the national units (``clues, cve_ent, cve_mun, nom_mun, pob_tot, gm_2020``)
    and ``staff`` the ``plantilla`` rows (gap at the call's target T). Where a unit has 2026
    candidates of a category (``real_counts``) and a post of it, exactly that many candidates
    list it as a CLUES option; no other candidate does. Other units are drawn at random.
    """
    rng = np.random.default_rng([rules.SEED, STREAM])
    reg = load_registration(folder)
    blank = np.where(staff["categoria"] == schema.NURSING_CATEGORY,
                     rules.TARGET_NURSES_PER_CENTRE, rules.TARGET_GPS_PER_CENTRE)
    req = staff["requeridos"].fillna(pd.Series(blank, index=staff.index))
    posts = staff[(req - staff["actuales"]) > 0][["clues", "categoria"]]
    info = units.set_index("clues")[["cve_ent", "cve_mun", "nom_mun", "pob_tot", "gm_2020"]]
    posts = posts.join(info, on="clues")
    posts["w"] = np.sqrt(posts["pob_tot"].astype(float)) * posts["gm_2020"].map(GRADE_PULL)
    fixed = real_counts(folder).merge(posts[["clues", "categoria", "cve_ent"]],
                                      on=["clues", "categoria"], how="inner")
    states = sorted(units["cve_ent"].unique())
    per_cat = {schema.GENERAL_CATEGORY: state_counts(reg, states, "med_generales_uas",
                                                     GPS_REGISTERED)}
    spec_states = state_counts(reg, states, "med_especialistas_uas", SPECIALISTS_REGISTERED)
    shares = np.array(list(rules.SPECIALIST_SUPPLY.values()), dtype=float)
    for state, n in spec_states.items():
        for cat, k in zip(rules.SPECIALIST_SUPPLY, largest_remainder(int(n), shares),
                          strict=True):
            per_cat.setdefault(cat, pd.Series(0, index=states))[state] = k
    if (staff["categoria"] == schema.NURSING_CATEGORY).any():  # drawn last: doctors unchanged
        nurses, total = nurse_registration(folder)
        per_cat[schema.NURSING_CATEGORY] = state_counts(nurses, states, "enfermeria_uas", total)
    rows = []
    for cat, counts in per_cat.items():
        mine = posts[posts["categoria"] == cat]
        if mine.empty:
            continue
        slots = fixed[fixed["categoria"] == cat]
        free = mine[~mine["clues"].isin(slots["clues"])]
        form_p = FORM_P["general" if cat in (schema.GENERAL_CATEGORY, schema.NURSING_CATEGORY)
                        else "specialty"]
        by_state = {s: (g["clues"].to_numpy(), (g["w"] / g["w"].sum()).to_numpy())
                    for s, g in free.groupby("cve_ent")}
        mun = mine[mine["nom_mun"].notna()].groupby(["cve_ent", "cve_mun", "nom_mun"])[
            "w"].sum().reset_index()
        mun_by_state = {s: (g["nom_mun"].to_numpy(), (g["w"] / g["w"].sum()).to_numpy())
                        for s, g in mun.groupby("cve_ent")}
        state_w = mine.groupby("cve_ent")["w"].sum()
        state_p = (state_w / state_w.sum()).to_numpy()
        people = [(str(state), int(rng.choice(5, p=N_OPTIONS_P)) + 1, [])
                  for state, n in counts.items() for _ in range(int(n))]
        home = np.array([p[0] for p in people])
        # the real 2026 candidates of each unit: that many people list it
        for unit, state, n in slots[["clues", "cve_ent", "n"]].itertuples(index=False):
            room = np.array([len(p[2]) < 5 and unit not in p[2] for p in people])
            w = room * np.where(home == state, 4.0, 1.0) * np.array(
                [2.0 if len(p[2]) < p[1] else 1.0 for p in people])
            take = min(int(n), int(room.sum()))
            for i in rng.choice(len(people), size=take, replace=False, p=w / w.sum()):
                people[i][2].append(unit)
        for state, k, options in people:
            k = max(k, len(options))
            for _attempt in range(4 * k):
                if len(options) == k:
                    break
                where = state if (state in by_state and rng.random() < OWN_STATE_P) \
                    else str(state_w.index[rng.choice(len(state_p), p=state_p)])
                form = int(rng.choice(3, p=form_p))
                if form == 0 and where in by_state:
                    names, prob = by_state[where]
                    opt = str(names[rng.choice(len(names), p=prob)])
                elif form <= 1 and where in mun_by_state:
                    names, prob = mun_by_state[where]
                    opt = f"{int(where)}/{names[rng.choice(len(names), p=prob)]}"
                else:
                    opt = str(int(where))
                if opt not in options:
                    options.append(opt)
            rows.append((cat, int(state), options, round(float(rng.uniform(60, 100)), 1)))
    order = {c: i for i, c in enumerate(per_cat)}
    nurse = schema.NURSING_CATEGORY  # nurses after every doctor: the doctors' folios stay
    rows.sort(key=lambda r: (r[0] == nurse, r[1], order[r[0]]))
    out = pd.DataFrame({
        "folio": [f"SINT-{i:06d}" for i in range(1, len(rows) + 1)],
        "categoria": [r[0] for r in rows],
        "clave_entidad": [r[1] for r in rows],
        **{f"opcion_{j}": [r[2][j - 1] if len(r[2]) >= j else None for r in rows]
           for j in range(1, 6)},
        "puntaje": [r[3] for r in rows],
    })
    return out


def leeme_lines(table: pd.DataFrame) -> list[str]:
    """LEEME lines that say the registration list is synthetic and how it was made."""
    gp = int((table["categoria"] == schema.GENERAL_CATEGORY).sum())
    nu = int((table["categoria"] == schema.NURSING_CATEGORY).sum())
    n_opts = table[[f"opcion_{j}" for j in range(1, 6)]].notna().sum(axis=1)
    return [
        "",
        "CANDIDATOS REGISTRADOS (hoja 'candidatos'): LISTA SINTÉTICA, no son personas reales",
        f"• {len(table) - gp - nu:,} especialistas y {gp:,} médicos generales, como el avance de "
        "registro de la convocatoria 2024 (2,706 y 12,968; mexiconews.tv, 4 may 2024), y "
        f"{nu:,} de Enfermería general, CIFRA DE 2026: las candidatas de enfermería de la "
        f"contratación 2026 (etapa UAS, todas las fases y estatus; inputs/fuentes/{NURSES_FILE}), "
        "repartidas por entidad como en ese archivo, con el mismo piso; sus filas van después "
        "de las de los médicos. Folios ficticios SINT-000001…; sin CURP ni nombres.",
        "• Registro por entidad según la parte de cada entidad en los candidatos médicos de la "
        "contratación 2026 por unidad (etapa UAS; inputs/fuentes/" + REGISTRATION_FILE + "), "
        f"con un piso de {STATE_FLOOR:.0%} de la entidad mayor; especialidades repartidas como "
        "en 'oferta'.",
        f"• Cada candidato elige de 1 a 5 opciones (promedio {n_opts.mean():.1f}), "
        f"{OWN_STATE_P:.0%} en su entidad; una CLUES, un municipio (clave_entidad/municipio) o "
        "una entidad entera, con inclinación a lugares menos marginados y más poblados (peso "
        "√población × 3 en grado muy bajo … 1 en muy alto). Puntaje al azar entre 60 y 100.",
        f"• Opciones CLUES en unidades reales con candidatos 2026: donde la unidad tiene "
        f"candidatos de la categoría en {PIPELINE_FILE} (etapa {PIPELINE_STAGE}, todas las "
        "fases y estatus; puestos llevados a las categorías del planeador, los demás fuera) y "
        "una plaza de ella, exactamente ese número de candidatos la elige (de preferencia "
        "registrados en su entidad); ningún otro candidato elige esa CLUES. Las demás unidades "
        "se sortean como arriba.",
        "• El modo por omisión sigue siendo por_oferta; cambie modo_asignacion a optimo o "
        "estable en 'parametros' (o use --modo-asignacion) para asignar a estas personas.",
    ]
