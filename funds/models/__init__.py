"""Models of the funds app: fund years and sources (``funds``), applications with cost plan,
financing, documents and questions (``applications``), decisions, payouts and proof of use
(``decisions``). Import them from here: ``from funds.models import Application``."""

from .applications import (
    COMMITTED,
    EDITABLE,
    Application,
    ApplicationQuerySet,
    CostItem,
    Document,
    DocumentKind,
    FinancingItem,
    FinancingKind,
    Question,
    Status,
    access_key_for,
    hash_access_key,
)
from .decisions import (
    GRANTING,
    ZERO,
    Decision,
    Outcome,
    Payout,
    PayoutKind,
    ProofOfUse,
    ProofState,
)
from .funds import PUBLIC_SOURCES, Fund, FundQuerySet, FundSource, SourceKind

__all__ = [
    "COMMITTED",
    "EDITABLE",
    "GRANTING",
    "PUBLIC_SOURCES",
    "ZERO",
    "Application",
    "ApplicationQuerySet",
    "CostItem",
    "Decision",
    "Document",
    "DocumentKind",
    "FinancingItem",
    "FinancingKind",
    "Fund",
    "FundQuerySet",
    "FundSource",
    "Outcome",
    "Payout",
    "PayoutKind",
    "ProofOfUse",
    "ProofState",
    "Question",
    "SourceKind",
    "Status",
    "hash_access_key",
    "access_key_for",
]
