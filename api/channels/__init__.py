"""Chat channels beyond the panel: Slack (slack-bolt) and WhatsApp (Cloud API)."""
