"""`manage.py bench`: a synthetic record grown through the services, and page timings on it."""
