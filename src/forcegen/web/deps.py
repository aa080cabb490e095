"""FastAPI dependencies shared by every router: the services, the limiter, the session."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from forcegen.bootstrap import Services
from forcegen.web.ratelimit import AttemptLimiter
from forcegen.web.session import Session


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def get_limiter(request: Request) -> AttemptLimiter:
    limiter: AttemptLimiter = request.app.state.limiter
    return limiter


def get_session(request: Request) -> Session:
    session: Session = request.state.session
    return session


def client_address(request: Request) -> str:
    """The peer address; forwarded headers are not trusted, since any client can forge them."""
    return request.client.host if request.client else "unknown"


ServicesDep = Annotated[Services, Depends(get_services)]
LimiterDep = Annotated[AttemptLimiter, Depends(get_limiter)]
SessionDep = Annotated[Session, Depends(get_session)]
ClientDep = Annotated[str, Depends(client_address)]
