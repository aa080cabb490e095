"""The demo database behind the web app (public dataset and illustrative round), as
`forcegen demo` loads it, with a coordinator `alice` and an analyst `ana`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from web_env import PASSWORD
from web_world import SECRET

from forcegen.bootstrap import Services, SystemClock, load_packaged_demo
from forcegen.catalog import load_catalog
from forcegen.config import Settings
from forcegen.model.user import Role
from forcegen.service.demo import DemoAccount, DemoSummary
from forcegen.store.engine import make_engine
from forcegen.store.migrate import upgrade
from forcegen.web import create_app


@dataclass(frozen=True)
class Demo:
    app: FastAPI
    services: Services
    summary: DemoSummary

    @property
    def round_path(self) -> str:
        return f"/rounds/{self.summary.round.id}/assessment"


def build_demo(data_dir: Path) -> Demo:
    """The demo on a fresh SQLite database in `data_dir` (dispose `services.engine` after)."""
    engine = make_engine(f"sqlite:///{data_dir / 'forcegen.db'}")
    upgrade(engine)
    services = Services(
        settings=Settings(database_url=str(engine.url), secret_key=SECRET, data_dir=data_dir),
        catalog=load_catalog(),
        clock=SystemClock(),
        engine=engine,
    )
    summary = load_packaged_demo(
        services,
        accounts=(
            DemoAccount("alice", PASSWORD, Role.COORDINATOR),
            DemoAccount("ana", PASSWORD, Role.ANALYST),
        ),
    )
    return Demo(create_app(services), services, summary)
