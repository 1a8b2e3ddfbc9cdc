"""README, Makefile and .gitignore as a new user meets them (issue 15): the README stands alone,
its commands work as written and leave nothing in the project root, set-up shows progress."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    lines = " ".join(blocks).replace("\\\n", " ").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith("#")]


def test_readme_stands_alone():
    assert "../" not in README
    for link in re.findall(r"\]\(([^)#]+)", README) + re.findall(r"`(docs/[^`]+)`", README):
        if not link.startswith("http"):
            assert (ROOT / link).exists(), link
    model = (ROOT / "docs" / "MODELO.md").read_text(encoding="utf-8")
    assert "../" not in model
    for words in ("## A. El modelo base", "maximizar  Σ w[u,k]·x[u,k]", "## B. Reglas",
                  "Piso de equidad", "*English.*"):
        assert words in model, words


def test_readme_commands_work_as_written():
    """Every planner command names the project's own executables, and writes under resultados/."""
    for line in _commands():
        for cmd in re.split(r"\s*(?:&&|;|&)\s*", line):
            if re.search(r"(^|\s)(planner|python|dask)\s", cmd) and not cmd.startswith("make"):
                assert cmd.split()[0].startswith(".venv/bin/"), cmd
            for flag in ("--out",):
                m = re.search(rf"{flag}\s+(\S+)", cmd)
                if m:
                    assert m.group(1).startswith("resultados/"), cmd
            m = re.match(r"\.venv/bin/planner template\s+(\S+)", cmd)
            if m:
                assert m.group(1).startswith("resultados/"), cmd


def test_example_outputs_are_ignored():
    for name in ("resultados/resultado.xlsx", "resultado.xlsx", "frontera.xlsx",
                 "frontera.png", "mi_plantilla.xlsx"):
        proc = subprocess.run(["git", "check-ignore", "-q", name], cwd=ROOT)
        assert proc.returncode == 0, name


def test_setup_shows_progress_and_readme_says_how_long():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = make.split("$(STAMP): requirements.txt pyproject.toml", 1)[1].split("\nsetup:")[0]
    assert recipe.count("@echo") >= 4
    install = next(ln for ln in recipe.splitlines() if "-r requirements.txt" in ln)
    assert " -q " not in install  # pip names each library as it installs it
    assert "Cuánto tarda / How long." in README and "3–6 min" in README
