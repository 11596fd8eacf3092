"""One router per resource; `api.app` includes them all under `/api/v1`."""
