"""Charts of the filtered set (altair, shipped with Streamlit), fed with pre-aggregated rows only.

The aggregations (``data.view.aggregate``) reduce even a million events to a few hundred rows, so the
browser never receives the events themselves.
"""

from __future__ import annotations

from datetime import date, timedelta

import altair as alt
import pandas as pd
import streamlit as st

from data.schema import EVENT_TYPES
from data.vocabulary import DATING_LABELS, DATING_ORDER
from geo.map.style import event_style

TYPE_SCALE = alt.Scale(domain=list(EVENT_TYPES), range=[event_style(t)[0] for t in EVENT_TYPES])
STRIP_HEIGHT = 90
WINDOW_DATASET = "window"  # the strip's shaded band: its rows change on every timeline move


def weekly_chart(weekly: pd.DataFrame) -> alt.Chart:
    """Stacked bars: events per week, coloured by event type as on the map."""
    return (
        alt.Chart(weekly, title="Events per week, by type")
        .mark_bar()
        .encode(
            x=alt.X("week:T", title=None),
            y=alt.Y("sum(events):Q", title="events", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("event_type:N", scale=TYPE_SCALE, legend=alt.Legend(orient="bottom", title=None)),
            tooltip=[alt.Tooltip("week:T", title="week of"), "event_type:N", "events:Q"],
        )
    )


def fatalities_chart(monthly: pd.DataFrame) -> alt.Chart:
    """Bars of reported deaths per month; months with no reported toll have no bar (not a zero)."""
    return (
        alt.Chart(monthly, title="Reported fatalities per month")
        .mark_bar(color="#8e2424")
        .encode(
            x=alt.X("month:T", title=None),
            y=alt.Y("fatalities:Q", title="reported deaths"),
            tooltip=[
                alt.Tooltip("month:T", format="%b %Y"),
                "fatalities:Q",
                "events:Q",
                alt.Tooltip("unreported:Q", title="events, toll not reported"),
            ],
        )
    )


def actors_chart(actors: pd.DataFrame) -> alt.Chart:
    """Horizontal bars: the actors in most events (either side)."""
    return (
        alt.Chart(actors, title="Top actors (events, either side)")
        .mark_bar(color="#455a64")
        .encode(
            x=alt.X("events:Q", title="events"),
            y=alt.Y("actor:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
            tooltip=["actor:N", "events:Q"],
        )
    )


def chart_specs(weekly: pd.DataFrame, monthly: pd.DataFrame, actors: pd.DataFrame) -> dict[str, dict]:
    """The three charts as Vega-Lite dicts, built once per view (cached by the caller).

    Unvalidated: the specs are ours and fixed; altair's validation would double the cost of each rerun.
    """
    built = {"weekly": weekly_chart(weekly), "fatalities": fatalities_chart(monthly), "actors": actors_chart(actors)}
    specs = {name: chart.to_dict(validate=False) for name, chart in built.items()}
    specs["unreported"] = int(monthly["unreported"].sum())
    return specs


def show(specs: dict, empty: bool, key: str = "charts") -> None:
    """Draw the three charts of the filtered set (``chart_specs``; nothing when it is ``empty``)."""
    if empty:
        st.caption("No event in view: nothing to chart.")
        return
    left, right = st.columns(2)
    left.vega_lite_chart(spec=specs["weekly"], width="stretch", key=f"{key}.weekly")
    right.vega_lite_chart(spec=specs["fatalities"], width="stretch", key=f"{key}.fatalities")
    right.caption(f"{specs['unreported']:,} event(s) in view have no reported toll: they count as unknown, not as 0.")
    st.vega_lite_chart(spec=specs["actors"], width="stretch", key=f"{key}.actors")


def _band_rows(window: tuple[date, date]) -> list[dict]:
    return [
        {"start": pd.Timestamp(window[0]).isoformat(), "end": pd.Timestamp(window[1] + timedelta(days=1)).isoformat()}
    ]


def _window_band(window: tuple[date, date]) -> alt.Chart:
    """The shaded window: the strip's first layer (``with_window`` swaps its rows)."""
    return (
        alt.Chart(alt.Data(values=_band_rows(window)))
        .mark_rect(color="#1565c0", opacity=0.08)
        .encode(x="start:T", x2="end:T")
    )


def with_window(spec: dict, window: tuple[date, date]) -> dict:
    """A strip spec (``spans_strip``/``weekly_strip(...).to_dict()``) with its band on ``window``.

    The band's rows travel as the named dataset ``WINDOW_DATASET``, not inside the spec: a timeline
    move then leaves the spec as it was, and Streamlit's page swaps the band's data in the drawn
    chart instead of embedding the chart anew (about 130 ms of the browser's time per move).
    Copies only what it changes, so a cached spec is never changed.
    """
    layers = list(spec["layer"])
    layers[0] = {**layers[0], "data": {"name": WINDOW_DATASET}}
    datasets = {**spec.get("datasets", {}), WINDOW_DATASET: pd.DataFrame(_band_rows(window))}
    return {**spec, "layer": layers, "datasets": datasets}


def _domain(bounds: tuple[date, date]) -> alt.Scale:
    return alt.Scale(domain=[pd.Timestamp(bounds[0]).isoformat(), pd.Timestamp(bounds[1] + timedelta(1)).isoformat()])


def spans_strip(spans: pd.DataFrame, window: tuple[date, date], bounds: tuple[date, date]) -> alt.LayerChart:
    """Each event on a lane by how exactly it is dated: a tick for an exact day, a span for a range."""
    frame = spans.assign(lane=spans["dating"].map(DATING_LABELS))
    lanes = alt.Y("lane:N", sort=[DATING_LABELS[d] for d in DATING_ORDER], title=None)
    x = alt.X("start:T", title=None, scale=_domain(bounds))
    tooltip = ["id:N", "type:N", alt.Tooltip("start:T", title="from"), alt.Tooltip("end:T", title="before"), "lane:N"]
    base = alt.Chart(frame).encode(x=x, y=lanes, color=alt.Color("type:N", scale=TYPE_SCALE, legend=None))
    spans_layer = base.transform_filter("datum.dating != 'exact day'").mark_bar(opacity=0.45, height=10)
    spans_layer = spans_layer.encode(x2="end:T", tooltip=tooltip)
    ticks = base.mark_tick(thickness=2, size=12).encode(tooltip=tooltip)
    return alt.layer(_window_band(window), spans_layer, ticks).properties(height=STRIP_HEIGHT)


def weekly_strip(weekly: pd.DataFrame, window: tuple[date, date], bounds: tuple[date, date]) -> alt.LayerChart:
    """A large record's strip: events per week, the approximately dated ones stacked apart."""
    bars = (
        alt.Chart(weekly)
        .mark_bar()
        .encode(
            x=alt.X("week:T", title=None, scale=_domain(bounds)),
            y=alt.Y("sum(events):Q", title=None),
            color=alt.Color(
                "dating:N",
                scale=alt.Scale(domain=["exact day", "approximate"], range=["#37474f", "#b0bec5"]),
                legend=alt.Legend(orient="right", title=None),
            ),
            tooltip=[alt.Tooltip("week:T", title="week of"), "dating:N", "events:Q"],
        )
    )
    return alt.layer(_window_band(window), bars).properties(height=STRIP_HEIGHT)


def show_strip(spec: dict, key: str = "strip") -> None:
    """The events-over-time strip under the timeline (the shaded band is the window)."""
    st.vega_lite_chart(spec=spec, width="stretch", key=key)
