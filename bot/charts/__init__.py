"""Statistics you can see: a bar chart (PNG) of the sourced figures behind `/stats` and statistics answers.

`data` chooses what may be charted (pure, no plotting library); `render` draws it with matplotlib,
imported only when a chart is actually drawn.
"""

from bot.charts.data import Bar, ChartSpec, bars_for, spec_for_entry, spec_for_network
from bot.charts.render import Chart, render_chart
from bot.charts.service import Charts

__all__ = ["Bar", "Chart", "ChartSpec", "Charts", "bars_for", "render_chart", "spec_for_entry", "spec_for_network"]
