"""Cost centers: the optional analytic dimension of journal lines."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import col, select

from api.deps import CurrentPrincipal, SessionDep
from api.errors import ApiError
from ledger.models import CostCenter

router = APIRouter(prefix="/cost-centers", tags=["cost centers"])


class CostCenterCreate(BaseModel):
    code: str = Field(min_length=1, max_length=20, pattern=r"^[0-9A-Za-z_-]+$")
    name: str = Field(min_length=1, max_length=200)


class CostCenterOut(CostCenterCreate):
    model_config = ConfigDict(from_attributes=True)
    id: int
    active: bool


@router.get("", response_model=list[CostCenterOut])
def list_cost_centers(session: SessionDep) -> list[CostCenterOut]:
    """The company's cost centers, by code."""
    rows = session.exec(select(CostCenter).order_by(col(CostCenter.code))).all()
    return [CostCenterOut.model_validate(r) for r in rows]


@router.post("", response_model=CostCenterOut, status_code=201)
def create_cost_center(
    session: SessionDep, principal: CurrentPrincipal, body: CostCenterCreate
) -> CostCenterOut:
    """Create a cost center; a repeated code answers 409."""
    if session.exec(select(CostCenter).where(CostCenter.code == body.code)).first():
        raise ApiError(409, "centro_existe", "Ya existe un centro de costo con ese código.")
    assert principal.company_id is not None
    center = CostCenter(company_id=principal.company_id, **body.model_dump())
    session.add(center)
    session.commit()
    session.refresh(center)
    return CostCenterOut.model_validate(center)
