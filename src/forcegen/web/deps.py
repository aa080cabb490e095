"""FastAPI dependencies shared by every router: the services, the limiter, the session.

They do no I/O, so they are `async def`: FastAPI runs a plain `def` dependency in the thread
pool, a thread handoff per dependency per request (several per autosave) for nothing."""

from __future__ import annotations

from ipaddress import IPv4Network, IPv6Network, ip_address
from typing import Annotated

from fastapi import Depends, Request

from forcegen.bootstrap import Services
from forcegen.web.ratelimit import AttemptLimiter
from forcegen.web.session import Session


async def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


async def get_limiter(request: Request) -> AttemptLimiter:
    limiter: AttemptLimiter = request.app.state.limiter
    return limiter


async def get_session(request: Request) -> Session:
    session: Session = request.state.session
    return session


def client_address(request: Request) -> str:
    """The client's address: the peer's, or, when the peer is a trusted proxy
    (FORCEGEN_TRUSTED_PROXIES), the nearest address in X-Forwarded-For that is not one.
    Anyone can write X-Forwarded-For, so from any other peer it is ignored. A proxy appends
    the address it saw, to the client's header or as a header line of its own, so every line
    is read, in order: what the client wrote comes before, and is passed over."""
    peer = request.client.host if request.client else "unknown"
    trusted = request.app.state.services.settings.trusted_proxies
    if not trusted or not _is_in(peer, trusted):
        return peer
    lines = request.headers.getlist("x-forwarded-for")
    forwarded = [hop.strip() for line in lines for hop in line.split(",")]
    for hop in reversed([hop for hop in forwarded if hop]):
        if not _is_in(hop, trusted):
            return hop
    return peer


def _is_in(address: str, networks: tuple[IPv4Network | IPv6Network, ...]) -> bool:
    try:
        ip = ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


ServicesDep = Annotated[Services, Depends(get_services)]
LimiterDep = Annotated[AttemptLimiter, Depends(get_limiter)]
SessionDep = Annotated[Session, Depends(get_session)]


async def _client(request: Request) -> str:
    return client_address(request)


ClientDep = Annotated[str, Depends(_client)]
