"""Build the importers' test files from the real shared files (run once; the outputs are
committed): ``clues_dgis_muestra.csv`` in the official DGIS CLUES column layout and
``candidatos_muestra.csv`` in the form of the 2026 pipeline export.

* 12 Hidalgo rows of ``clues/clues_imss_bienestar_hidalgo_consulta_externa_202501.csv`` (a real
  DGIS 2025-01 extract: every field as DGIS wrote it, municipality key cut to its 3 digits as in
  the official file), among them a mobile unit and a UNEME;
* 16 Veracruz units of ``pahtli_hgo_pue_ver_imb_202608/clues_imb_pl_vz_hg_pahtli.csv`` (DGIS
  2026-08 via pahtli: operating IMSS-Bienestar units; 6 hospitals) that have 2026 candidates.
  pahtli does not carry the institution, status or establishment type: they are written as
  DGIS writes them for such units (SERVICIOS DE SALUD IMSS BIENESTAR, EN OPERACION, DE
  HOSPITALIZACIÓN for levels 2-3, else DE CONSULTA EXTERNA), typology in upper case;
* 6 Oaxaca rows of ``clues/clues_imss_oaxaca_202604.csv`` (IMSS, another institution; 2 of them
  FUERA DE OPERACION);
* the staff file ``personal_muestra.csv``: the SINERHIAS 2024-07-01 rows
  (``recursos_humanos/sinerhias_hidalgo_rrhh_infra_20240701.csv``, GP and trunk-specialty posts)
  of the Hidalgo units above under their current CLUES, and one left with its old SSA code;
* Hospital General Actopan (HGIMB000151, from pahtli as the Veracruz units);
* the candidates file: every row of ``contratacion_2026/candidatos_por_unidad_puesto_estatus_
  20260822.csv`` of the 16 Veracruz units, plus the rows of 2 units that are not in the sample.

Usage: ``python tests/data/make_importer_samples.py /work/shared/data``
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

OFFICIAL = ["CLUES", "NOMBRE DE LA INSTITUCION", "ENTIDAD", "MUNICIPIO", "CLAVE DEL MUNICIPIO",
            "NOMBRE DE LA LOCALIDAD", "NOMBRE TIPO ESTABLECIMIENTO", "NOMBRE DE TIPOLOGIA",
            "CLAVE DE TIPOLOGIA", "NOMBRE DE LA UNIDAD", "ESTATUS DE OPERACION",
            "NIVEL ATENCION", "LATITUD", "LONGITUD"]
HERE = Path(__file__).resolve().parent
ACTOPAN = ("HGSSA000156", "HGIMB000151")  # Hospital General Actopan: SINERHIAS code, current
STAFF_KEYS = ("medicos_generales", "pediatra", "ginecoobstetra", "cirujano", "internista",
              "anestesiologo", "urgenciologo")


def main(shared: Path) -> None:
    h = pd.read_csv(shared / "clues/clues_imss_bienestar_hidalgo_consulta_externa_202501.csv",
                    dtype=str)
    pick = pd.concat([h[h["clave_tipologia"].isin(["A", "F", "E"])].head(10),
                      h[h["clave_tipologia"] == "P"].head(1),
                      h[h["clave_tipologia"] == "UNE"].head(1)])
    hidalgo = pd.DataFrame({
        "CLUES": pick["clues"], "NOMBRE DE LA INSTITUCION": pick["institucion"],
        "ENTIDAD": pick["entidad"], "MUNICIPIO": pick["municipio"],
        "CLAVE DEL MUNICIPIO": pick["cve_mun"].str[2:],
        "NOMBRE DE LA LOCALIDAD": pick["localidad"],
        "NOMBRE TIPO ESTABLECIMIENTO": pick["tipo_establecimiento"],
        "NOMBRE DE TIPOLOGIA": pick["tipologia"], "CLAVE DE TIPOLOGIA": pick["clave_tipologia"],
        "NOMBRE DE LA UNIDAD": pick["nombre_unidad"],
        "ESTATUS DE OPERACION": pick["estatus_operacion"],
        "NIVEL ATENCION": pick["nivel_atencion"], "LATITUD": pick["latitud"],
        "LONGITUD": pick["longitud"]})
    cand = pd.read_csv(shared / "contratacion_2026/candidatos_por_unidad_puesto_estatus_"
                                "20260822.csv", dtype=str)
    p = pd.read_csv(shared / "pahtli_hgo_pue_ver_imb_202608/clues_imb_pl_vz_hg_pahtli.csv",
                    dtype=str)
    v = p[(p["estado"] == "VER") & p["clues"].isin(cand["clues"])]
    v = pd.concat([v[v["nivel"] != "1"].head(6), v[v["nivel"] == "1"].head(10),
                   p[p["clues"] == ACTOPAN[1]]])
    veracruz = pd.DataFrame({
        "CLUES": v["clues"], "NOMBRE DE LA INSTITUCION": "SERVICIOS DE SALUD IMSS BIENESTAR",
        "ENTIDAD": v["estado"].map({"VER": "VERACRUZ DE IGNACIO DE LA LLAVE", "HGO": "HIDALGO"}), "MUNICIPIO": v["municipio"].str.upper(),
        "CLAVE DEL MUNICIPIO": v["cve_mun"].str[2:],
        "NOMBRE DE LA LOCALIDAD": v["localidad"].str.upper(),
        "NOMBRE TIPO ESTABLECIMIENTO": v["nivel"].map(
            lambda n: "DE CONSULTA EXTERNA" if n == "1" else "DE HOSPITALIZACIÓN"),
        "NOMBRE DE TIPOLOGIA": v["tipo"].str.upper(), "CLAVE DE TIPOLOGIA": None,
        "NOMBRE DE LA UNIDAD": v["nombre"].str.upper(), "ESTATUS DE OPERACION": "EN OPERACION",
        "NIVEL ATENCION": v["nivel"].map({"1": "PRIMER NIVEL", "2": "SEGUNDO NIVEL",
                                          "3": "TERCER NIVEL"}),
        "LATITUD": v["lat"], "LONGITUD": v["lng"]})
    o = pd.read_csv(shared / "clues/clues_imss_oaxaca_202604.csv", dtype=str)
    o = pd.concat([o[o["estatus_operacion"] == "EN OPERACION"].head(4),
                   o[o["estatus_operacion"] != "EN OPERACION"].head(2)])
    oaxaca = pd.DataFrame({
        "CLUES": o["clues"], "NOMBRE DE LA INSTITUCION": o["institucion_administradora"],
        "ENTIDAD": o["entidad"], "MUNICIPIO": o["municipio"],
        "CLAVE DEL MUNICIPIO": o["cve_mun"].str[2:], "NOMBRE DE LA LOCALIDAD": o["localidad"],
        "NOMBRE TIPO ESTABLECIMIENTO": o["tipo_establecimiento"],
        "NOMBRE DE TIPOLOGIA": o["tipologia"], "CLAVE DE TIPOLOGIA": o["clave_tipologia"],
        "NOMBRE DE LA UNIDAD": o["nombre_unidad"], "ESTATUS DE OPERACION": o["estatus_operacion"],
        "NIVEL ATENCION": o["nivel_atencion"], "LATITUD": o["latitud"],
        "LONGITUD": o["longitud"]})
    sample = pd.concat([hidalgo, veracruz, oaxaca])[OFFICIAL]
    sample.to_csv(HERE / "clues_dgis_muestra.csv", index=False)
    others = cand[~cand["clues"].isin(sample["CLUES"]) & cand["clues"].str.startswith("VZ")]
    extra = others[others["clues"].isin(sorted(others["clues"].unique())[:2])]
    rows = pd.concat([cand[cand["clues"].isin(v["clues"])], extra])  # Actopan's are in v
    rows.to_csv(HERE / "candidatos_muestra.csv", index=False)
    # staff: SINERHIAS 2024-07-01 rows of the Hidalgo units above, their old SSA CLUES replaced
    # by the current one (clues_ssa_anterior of the DGIS extract; Actopan's hospital by its name
    # and municipality), plus one row left with its old code (not an imported unit)
    rh = pd.read_csv(shared / "recursos_humanos/sinerhias_hidalgo_rrhh_infra_20240701.csv",
                     dtype=str)
    new = dict(zip(pick["clues_ssa_anterior"], pick["clues"], strict=True))
    new[ACTOPAN[0]] = ACTOPAN[1]
    staff = rh[rh["clues"].isin(new)].copy()
    staff["clues"] = staff["clues"].map(new)
    staff = pd.concat([staff,
                       rh[~rh["clues"].isin(new) & rh["clues"].str.startswith("HGSSA")].head(1)])
    keep = ["clues", "nombre_unidad", *[c for c in rh.columns if c.startswith(
        ("plazas_total_", "plazas_ocupadas_")) and c.split("_", 2)[2] in STAFF_KEYS]]
    staff[keep].to_csv(HERE / "personal_muestra.csv", index=False)
    print(len(sample), "units;", len(rows), "candidate rows;", len(staff), "staff rows")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
