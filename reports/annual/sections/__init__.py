"""The report's sections in the seed's order, one provider module each (see ``base``).

``LEVEL`` 2 providers are numbered as sub-sections of the level-1 section before them.
"""

from reports.annual.sections import (
    case_reviews,
    cdop,
    context,
    early_help,
    engagement,
    executive_summary,
    finance,
    foreword,
    governance,
    lado,
    membership,
    next_year,
    partner_updates,
    performance,
    strategic_objectives,
    training,
)

PROVIDERS = [
    foreword,
    executive_summary,
    context,
    governance,
    strategic_objectives,
    performance,
    lado,
    early_help,
    cdop,
    case_reviews,
    training,
    engagement,
    finance,
    partner_updates,
    next_year,
    membership,
]
