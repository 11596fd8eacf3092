"""Company fixtures: a short text journal becomes a fresh SQLite ledger for every task.

A fixture is `evals/fixtures/<name>.txt`: `# key: value` header lines (company, nit, ciiu,
and optionally other-company, other-nit, other-ciiu, other-journal for a second company in
the same database, and `setup`: the names of `evals.setups` to run after the journal)
followed by a journal in `ledger.journal_text` format. Each fixture is built once per
process into a template file; every task gets its own copy of that file.

Every task's settings carry a throwaway signing certificate, so e-invoicing fixtures can
issue: the factory makes it once (self-signed, `evals.setups.certificate`).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from cuadre.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"
FILES = FIXTURES / "files"
CERT_PASSWORD = "clave-evals"


@dataclass(frozen=True)
class Fixture:
    """A fixture's parsed header and journal."""

    name: str
    company: str
    nit: str
    ciiu: tuple[str, ...]
    journal: str
    other_company: str = ""
    other_nit: str = ""
    other_ciiu: tuple[str, ...] = ()
    other_journal: str = ""
    setups: tuple[str, ...] = ()


@dataclass(frozen=True)
class FixtureCopy:
    """A task's own ledger: the database file and the two companies' ids."""

    folder: Path
    url: str
    company_id: int
    other_company_id: int | None


def read_fixture(name: str, folder: Path = FIXTURES) -> Fixture:
    """The fixture `name` (without `.txt`)."""
    path = folder / f"{name}.txt"
    if not path.exists():
        raise FileNotFoundError(f"no existe la empresa de prueba «{name}» ({path})")
    header: dict[str, str] = {}
    body = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") and ":" in line:
            key, _, value = line[1:].partition(":")
            header[key.strip()] = value.strip()
        else:
            body.append(line)
    other = header.get("other-journal", "")
    return Fixture(
        name=name,
        company=header["company"],
        nit=header["nit"],
        ciiu=tuple(header.get("ciiu", "").split()),
        journal="\n".join(body),
        other_company=header.get("other-company", ""),
        other_nit=header.get("other-nit", ""),
        other_ciiu=tuple(header.get("other-ciiu", "").split()),
        other_journal=(folder / other).read_text(encoding="utf-8") if other else "",
        setups=tuple(header.get("setup", "").split()),
    )


def _create(engine: Engine, nit: str, name: str, ciiu: tuple[str, ...], journal: str) -> int:
    from ledger.companies import create_company
    from ledger.db import admin_session, company_session
    from ledger.journal_text import parse_journal
    from ledger.posting import post_entry

    with admin_session(engine) as session:
        company = create_company(session, nit=nit, name=name, ciiu_codes=ciiu, actor="fixture")
        assert company.id is not None
        company_id = company.id
    with company_session(engine, company_id) as session:
        for proposal in parse_journal(journal, source="fixture"):
            post_entry(session, proposal, actor="fixture")
        session.commit()
    return company_id


def build(fixture: Fixture, path: Path, settings: Settings) -> tuple[int, int | None]:
    """Create the fixture's database at `path`; returns (company id, other company id)."""
    from evals.setups import run_setups
    from ledger.db import init_db, make_engine

    engine = make_engine(f"sqlite:///{path}")
    try:
        init_db(engine)
        main = _create(engine, fixture.nit, fixture.company, fixture.ciiu, fixture.journal)
        other = None
        if fixture.other_nit:
            other = _create(
                engine,
                fixture.other_nit,
                fixture.other_company,
                fixture.other_ciiu,
                fixture.other_journal,
            )
        scratch = path.parent / f"{fixture.name}-setup"
        scratch.mkdir(exist_ok=True)
        run_setups(fixture.setups, engine, main, scratch, settings)
    finally:
        engine.dispose()
    return main, other


class FixtureFactory:
    """Builds each fixture once into a template, then hands out fresh copies."""

    def __init__(self, root: Path | None = None, folder: Path = FIXTURES) -> None:
        self.root = root or Path(tempfile.mkdtemp(prefix="cuadre-evals-"))
        self.folder = folder
        self._templates: dict[str, tuple[Path, int, int | None]] = {}
        self._count = 0
        self._cert: Path | None = None

    def settings(self, folder: Path) -> Settings:
        """A task's settings: its own data folder, the factory's signing certificate."""
        if self._cert is None:
            from evals.setups.certificate import self_signed_pkcs12

            self._cert = self.root / "firma.p12"
            self.root.mkdir(parents=True, exist_ok=True)
            self._cert.write_bytes(self_signed_pkcs12(CERT_PASSWORD))
        return Settings(
            data_dir=folder / "data",
            database_url=None,
            einvoice_cert_path=self._cert,
            einvoice_cert_password=CERT_PASSWORD,
        )

    def fresh(self, name: str) -> FixtureCopy:
        """A new database file with the fixture's books, in a folder of its own."""
        if name not in self._templates:
            template = self.root / "templates" / f"{name}.sqlite3"
            template.parent.mkdir(parents=True, exist_ok=True)
            ids = build(read_fixture(name, self.folder), template, self.settings(template.parent))
            self._templates[name] = (template, *ids)
        template, main, other = self._templates[name]
        self._count += 1
        folder = self.root / f"task-{self._count:05d}"
        folder.mkdir(parents=True)
        target = folder / "ledger.sqlite3"
        shutil.copyfile(template, target)
        return FixtureCopy(folder, f"sqlite:///{target}", main, other)

    def close(self) -> None:
        """Remove every copy and template."""
        shutil.rmtree(self.root, ignore_errors=True)
