"""C1-D-0014 and C1-D-0015: a shop's dispatch board for one day, four technicians with their
skills, booked repair orders, open time and the lunch break, for two dispatch questions."""
from matplotlib.patches import Rectangle
from _kit import figure, save

fig = figure(7.6, 3.9)
ax = fig.add_axes([0.25, 0.14, 0.70, 0.80])

techs = [  # name, skills, [(start, end, label or None for open)]
    ("Ana", "Engine performance,\nelectrical, brakes",
     [(8, 12, "RO 4411\nelectrical diagnosis"), (12.5, 14, "RO 4415\nbrakes"), (14, 17, None)]),
    ("Ben", "Brakes, suspension,\nA/C",
     [(8, 9.5, "RO 4402\nalignment"), (9.5, 12, "RO 4408\nA/C repair"), (12.5, 17, "RO 4416\nstruts, both sides")]),
    ("Chris", "Maintenance, tires,\nbrakes",
     [(8, 9.5, "RO 4403\noil service"), (9.5, 12, None), (12.5, 15.5, "RO 4412\nmaintenance"), (15.5, 17, None)]),
    ("Dee", "Engine performance,\ntransmission",
     [(8, 10, "RO 4405\ntrans. service"), (10, 12, None), (12.5, 13.5, "RO 4413\ncheck"), (13.5, 17, None)]),
]
n = len(techs)
for i, (name, skills, blocks) in enumerate(techs):
    y = n - 1 - i
    for start, end, label in blocks:
        if label is None:
            ax.add_patch(Rectangle((start, y + 0.12), end - start, 0.76, facecolor="white",
                                   edgecolor="black", lw=1.0, ls="--"))
            ax.text((start + end) / 2, y + 0.5, "open", ha="center", va="center", fontsize=10)
        else:
            ax.add_patch(Rectangle((start, y + 0.12), end - start, 0.76, facecolor="0.85",
                                   edgecolor="black", lw=1.0))
            ax.text((start + end) / 2, y + 0.5, label, ha="center", va="center", fontsize=8.5)
    ax.add_patch(Rectangle((12, y + 0.12), 0.5, 0.76, facecolor="white", edgecolor="black",
                           lw=1.0, hatch="///"))
    yc = 0.14 + 0.80 * (y + 0.5) / (n + 0.35)
    fig.text(0.01, yc + 0.045, name, ha="left", va="center", fontsize=11, fontweight="bold")
    fig.text(0.01, yc - 0.035, skills, ha="left", va="center", fontsize=9.5)
ax.text(12.25, n + 0.02, "lunch", ha="center", va="bottom", fontsize=9)
ax.set_xlim(8, 17)
ax.set_ylim(0, n + 0.35)
ax.set_yticks([])
ax.set_xticks(range(8, 18))
ax.set_xticklabels([f"{h}:00" for h in range(8, 18)], fontsize=9.5)
ax.grid(True, axis="x", color="0.8", lw=0.6)
ax.set_axisbelow(True)
for side in ("top", "right", "left"):
    ax.spines[side].set_visible(False)
save(fig, __file__)
