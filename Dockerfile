FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# Layer 1, dependencies only: rebuilt when pyproject.toml changes, not on every code change.
COPY pyproject.toml ./
RUN python -c "import tomllib; d = tomllib.load(open('pyproject.toml', 'rb'))['project']; \
print('\n'.join(d['dependencies'] + d['optional-dependencies']['sentry']))" > /tmp/requirements.txt \
 && pip install -r /tmp/requirements.txt && rm /tmp/requirements.txt

# Layer 2, the app itself, installed without touching the dependencies above.
COPY . .
RUN pip install --no-deps . \
 && SECRET_KEY=build-only DEBUG=false python manage.py collectstatic --no-input -v0 \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin peaceplans
USER peaceplans

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"]
# --forwarded-allow-ips "": gunicorn must not believe X-Forwarded-Proto itself; Django does, and
# only with TRUST_X_FORWARDED_PROTO. --timeout 30 > statement_timeout (DB_STATEMENT_TIMEOUT_MS, 10 s): a slow query is cancelled by
# PostgreSQL and that page fails alone, long before gunicorn would kill the worker.
CMD ["gunicorn", "peaceplans.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "30", \
     "--graceful-timeout", "20", "--no-control-socket", "--forwarded-allow-ips", ""]
