"""Shared helpers for the A8 circuit figures: schemdraw drawn onto a matplotlib Figure.

Qt's SVG renderer ignores dominant-baseline, so schemdraw's own SVG backend puts every label
half a line too high; drawing through matplotlib places text by its baseline and renders true.
"""
import schemdraw
import schemdraw.elements as elm

from _kit import figure


def start(width_in, height_in):
    schemdraw.use("matplotlib")
    fig = figure(width_in, height_in)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    d = schemdraw.Drawing(canvas=ax, show=False)
    d.config(fontsize=12, color="black", bgcolor="white", lw=1.5, margin=0.4)
    return fig, ax, d


def box(d, x1, y1, x2, y2):
    for a, b in (((x1, y1), (x2, y1)), ((x2, y1), (x2, y2)), ((x2, y2), (x1, y2)), ((x1, y2), (x1, y1))):
        d.add(elm.Line().at(a).to(b))


def finish(fig, ax, d, xlim=None, ylim=None):
    """Draw onto the axes; xlim and ylim (drawing units) keep free text inside the figure."""
    d.draw(show=False)
    ax.set_aspect("equal")
    ax.autoscale_view()
    if xlim:
        ax.set_xlim(*xlim)
    if ylim:
        ax.set_ylim(*ylim)
    return fig
