"""Shared drawing code for the PV-1 reference wiring figures (ref-*.py): a module on the left,
components stacked on the right, wires between them as straight runs, shared circuits (a 5 V
reference, a low reference, a fused feed, a ground) as a vertical bus with a splice dot at each
branch. Plain matplotlib (no schemdraw), so Qt's SVG renderer places every label true.

Conventions: black on white, 9 pt text or larger, pin numbers inside the boxes, wire colour
codes above each wire near the component it reaches, splice and fuse names at the bus ends.
"""

from matplotlib.patches import Rectangle

from _kit import figure

FS = 9  # pt; 12.5 px at the figure's natural size
ROW = 0.36  # vertical pitch of pins (figure inches)
GAP = 0.30  # space between two components


def draw(module, components, buses, width=7.4, title_width=2.45, comp_x=None, notes=()):
    """module: {"name": str, "pins": {pin_id: label}} (labels drawn inside its right edge)
    components: [{"name": str, "pins": [(pin_no, text, key)]}] stacked top to bottom, where key is
      a bus name (a shared circuit), ("ecm", pin_id, colour) for a one-to-one wire to the module,
      or ("end", text, colour) for a wire that leaves to a labelled end on the left.
    buses: {name: {"kind": "ecm" | "feed" | "ground", "end": "top" | "bottom" (ecm only),
      "pin": module pin id (ecm), "label": text (feed, ground), "colour": str, "splice": str}};
      drawn as columns left to right in this order; an ecm or feed bus enters at the top or the
      bottom, the leftmost bus innermost, so no run crosses another bus's entry.
    """
    keys = list(buses)
    top = [k for k in keys if buses[k]["kind"] == "feed" or (buses[k]["kind"] == "ecm" and buses[k].get("end", "top") == "top")]
    bot = [k for k in keys if k not in top]
    top_pad = 0.30 + 0.34 * len(top)
    # vertical layout of the components
    y = -top_pad
    comp_boxes = []
    for c in components:
        y0 = y
        y -= ROW * 0.6  # title row
        pin_ys = []
        for _ in c["pins"]:
            y -= ROW
            pin_ys.append(y)
        y -= ROW * 0.55
        comp_boxes.append((y0 - ROW * 0.45, y, pin_ys))
        y -= GAP
    bottom = y + GAP - 0.30 - 0.36 * len(bot)
    fig = figure(width, 0.35 - bottom)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(bottom, 0.35)
    ax.set_axis_off()

    mod_x1 = title_width
    comp_x = comp_x if comp_x is not None else width - 2.2
    span = comp_x - mod_x1
    bus_x = {k: mod_x1 + span * (i + 1) / (len(keys) + 1.6) for i, k in enumerate(keys)}
    anchor = {}
    for i, k in enumerate(sorted(top, key=keys.index)):  # leftmost innermost (lowest)
        anchor[k] = -0.30 - 0.34 * (len(top) - 1 - i)
    for i, k in enumerate(sorted(bot, key=keys.index)):  # leftmost innermost (highest)
        anchor[k] = bottom + 0.30 + 0.36 * (len(bot) - 1 - i)

    mod_top, mod_bot = 0.25, bottom + 0.08
    ax.add_patch(Rectangle((0.08, mod_bot), mod_x1 - 0.08, mod_top - mod_bot, fill=False, lw=1.4))
    ax.text(0.18, mod_top - 0.08, module["name"], ha="left", va="top", fontsize=FS + 1, weight="bold")

    def pin_label(yy, pid):
        ax.text(mod_x1 - 0.06, yy + 0.035, f"{pid}: {module['pins'][pid]}", ha="right", va="bottom", fontsize=FS)

    def wire(xa, xb, yy, colour=None):
        ax.plot([xa, xb], [yy, yy], color="black", lw=1.2)
        if colour:
            ax.text(xb - 0.08, yy + 0.035, colour, ha="right", va="bottom", fontsize=FS)

    for c, (ytop, ybot, pin_ys) in zip(components, comp_boxes):
        ax.add_patch(Rectangle((comp_x, ybot), width - 0.08 - comp_x, ytop - ybot, fill=False, lw=1.4))
        ax.text(width - 0.16, ytop - 0.06, c["name"], ha="right", va="top", fontsize=FS, weight="bold")
        for (pno, text, key), py in zip(c["pins"], pin_ys):
            ax.text(comp_x + 0.08, py, f"{pno}: {text}", ha="left", va="center", fontsize=FS)
            if isinstance(key, tuple) and key[0] == "ecm":
                _, pid, colour = key
                wire(mod_x1, comp_x, py, colour)
                pin_label(py, pid)
            elif isinstance(key, tuple) and key[0] == "end":
                _, text_end, colour = key
                x_t = (min(bus_x.values()) - 0.12) if bus_x else mod_x1 + 1.6
                wire(x_t, comp_x, py, colour)
                ax.text(x_t - 0.04, py, text_end, ha="right", va="center", fontsize=FS,
                        bbox=dict(boxstyle="square,pad=0.2", fc="white", ec="black", lw=1.0))
            else:
                b = buses[key]
                wire(bus_x[key], comp_x, py, b["colour"])
                ax.plot([bus_x[key]], [py], "o", color="black", ms=4)
                b.setdefault("_ys", []).append(py)

    for key, b in buses.items():
        bx, ya = bus_x[key], anchor[key]
        ys = b.get("_ys", [])
        ax.plot([bx, bx], [min(ys + [ya]), max(ys + [ya])], color="black", lw=1.2)
        if b["kind"] == "ecm":
            wire(mod_x1, bx, ya, b["colour"])
            pin_label(ya, b["pin"])
            ax.plot([bx], [ya], "o", color="black", ms=4)
        elif b["kind"] == "feed":
            ax.text(bx, ya + 0.02, b["label"], ha="center", va="bottom", fontsize=FS,
                    bbox=dict(boxstyle="square,pad=0.2", fc="white", ec="black", lw=1.0))
        else:
            for i, w in enumerate((0.16, 0.10, 0.05)):
                ax.plot([bx - w, bx + w], [ya - 0.06 * i, ya - 0.06 * i], color="black", lw=1.2)
            ax.text(bx + 0.22, ya - 0.06, b["label"], ha="left", va="center", fontsize=FS)
        if b.get("splice") and b["kind"] == "ground":
            ax.text(bx - 0.08, ya + 0.12, b["splice"], ha="right", va="bottom", fontsize=FS)
        elif b.get("splice"):
            ax.text(bx + 0.06, ya + (0.035 if b["kind"] == "ecm" else -0.04), b["splice"],
                    ha="left", va="bottom" if b["kind"] == "ecm" else "top", fontsize=FS)
    for i, n in enumerate(notes):
        ax.text(0.18, mod_top - 0.40 - 0.27 * i, n, ha="left", va="top", fontsize=FS, style="italic")
    return fig
