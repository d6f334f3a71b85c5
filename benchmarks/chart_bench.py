"""Benchmark chart rendering: import cost of the plotting library, render time and PNG size per bar
count, and peak memory. Run: .venv/bin/python benchmarks/chart_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.charts import render_chart  # noqa: E402
from bot.charts.data import ChartSpec, bars_for  # noqa: E402
from bot.models import Figure, Localized  # noqa: E402


def _spec(bars: int) -> ChartSpec:
    figures = [
        Figure(network="any", value=f"{10 + 7 * n % 90}%", what=Localized(en=f"use network {n}", es=f"usan la red {n}"),
               population=Localized(en="doctors in a country (n=500)", es="médicos de un país (n=500)"),
               year="2021", source=f"Example survey {n}, a journal, 2021")
        for n in range(bars)
    ]
    return ChartSpec(title="Benchmark", locale="en", bars=tuple(bars_for(figures, "en")), total=bars)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10, help="timed renders per bar count")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    render_chart(_spec(1))  # first chart: imports matplotlib and loads fonts
    first_ms = (time.perf_counter() - started) * 1000
    print(f"first chart (imports matplotlib): {first_ms:.0f} ms")
    print(f"{'bars':>5}{'median ms':>11}{'max ms':>9}{'PNG KiB':>9}{'size px':>12}{'peak MiB':>10}")
    for bars in (1, 3, 6, 10):
        spec = _spec(bars)
        times = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            chart = render_chart(spec)
            times.append((time.perf_counter() - t0) * 1000)
        tracemalloc.start()
        render_chart(spec)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"{bars:>5}{statistics.median(times):>11.1f}{max(times):>9.1f}{len(chart.png) / 1024:>9.1f}"
              f"{f'{chart.width}x{chart.height}':>12}{peak:>10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
