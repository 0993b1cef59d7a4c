FROM python:3.13-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY peaceplans ./peaceplans
RUN pip install --no-cache-dir .
COPY . .
RUN SECRET_KEY=build-only DEBUG=false python manage.py collectstatic --no-input
EXPOSE 8000
CMD ["gunicorn", "peaceplans.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--no-control-socket", "--access-logfile", "-"]
