"""The verify stage: cited claims plus fetched evidence become findings."""

__all__: list[str] = []
