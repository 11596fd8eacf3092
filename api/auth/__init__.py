"""Who is calling: panel sessions (cookie + CSRF), bearer tokens, HTTP Basic for integrations."""
