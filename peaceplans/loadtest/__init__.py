"""Settings and URLs used only by scripts/loadtest and scripts/scaleout (never in production)."""
