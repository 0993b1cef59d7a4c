"""EXPLAIN (ANALYZE, BUFFERS) of every query a reader page runs, on PostgreSQL.

The queries are captured while the page renders (an execute wrapper sees the SQL and its
parameters as the driver gets them), then each SELECT is explained on the same connection."""

import json
import re
from dataclasses import dataclass, field

from django.core.cache import caches
from django.db import connection
from django.test import Client


@dataclass
class Explained:
    page: str
    number: int  # the query's place in the page's order, from 1
    sql: str
    ms: float  # execution time as PostgreSQL measured it
    rows: int
    shared_read: int  # blocks read from disk (or the OS cache), not found in shared buffers
    shared_hit: int
    seq_scans: list[str] = field(default_factory=list)  # tables read whole
    sorts: list[str] = field(default_factory=list)  # "external merge" and friends
    plan: dict = field(default_factory=dict)

    @property
    def short_sql(self) -> str:
        text = re.sub(r"\s+", " ", self.sql)
        select = re.sub(r'SELECT .*? FROM "', 'SELECT … FROM "', text, count=1)
        return select[:110]


def _walk(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from _walk(child)


def captured(client: Client, url: str) -> list[tuple[str, tuple]]:
    queries: list[tuple[str, tuple]] = []

    def keep(execute, sql, params, many, context):
        queries.append((sql, params))
        return execute(sql, params, many, context)

    caches["default"].clear()  # the server cache would answer without a query
    with connection.execute_wrapper(keep):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return queries


def explain(page: str, number: int, sql: str, params) -> Explained | None:
    if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {sql}", params)
        raw = cursor.fetchone()[0]
    result = (json.loads(raw) if isinstance(raw, str) else raw)[0]
    nodes = list(_walk(result["Plan"]))
    top = result["Plan"]
    return Explained(
        page,
        number,
        sql,
        result["Execution Time"],
        top.get("Actual Rows", 0),
        top.get("Shared Read Blocks", 0),
        top.get("Shared Hit Blocks", 0),
        sorted(
            {
                n["Relation Name"]
                for n in nodes
                if n["Node Type"] == "Seq Scan"
                and n.get("Actual Rows", 0) + n.get("Rows Removed by Filter", 0) > 1000
            }
        ),
        sorted(
            {
                n.get("Sort Method", "")
                for n in nodes
                if "Sort Method" in n and n["Sort Method"] != "quicksort"
            }
        ),
        result,
    )


def explain_pages(client: Client, pages: list[tuple[str, str]]) -> list[Explained]:
    figures = []
    for name, url in pages:
        client.get(url)  # warm: the figures are for a page read often, not a cold cache
        for number, (sql, params) in enumerate(captured(client, url), start=1):
            figure = explain(name, number, sql, params)
            if figure is not None:
                figures.append(figure)
    return figures
