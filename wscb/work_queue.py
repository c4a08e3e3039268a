"""The business-support work queue on the start page, filled by each app.

An app registers a function in its ``AppConfig.ready()``; the function takes the request and
returns ``QueueItem``s (only those that need attention). wscb never imports the apps.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class QueueItem:
    text: str
    url: str
    count: int = 0


_providers: list[Callable] = []


def register(provider: Callable) -> Callable:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def items_for(request) -> list[QueueItem]:
    items: list[QueueItem] = []
    for provider in _providers:
        items.extend(provider(request))
    return items
