"""G1-D-0001: tread depth across the tread of both front tires, both shoulders worn, centre ribs deep."""
from _kit import figure, save

points = ["Outer\nshoulder", "Outer\nrib", "Center\nrib", "Inner\nrib", "Inner\nshoulder"]
left = [2.6, 5.4, 6.4, 5.5, 2.5]
right = [2.8, 5.6, 6.5, 5.5, 2.7]

fig = figure(6.4, 3.4)
ax = fig.add_subplot(1, 1, 1)
x = range(len(points))
w = 0.36
bl = ax.bar([i - w / 2 for i in x], left, w, color="white", edgecolor="black", hatch="///", label="Left front")
br = ax.bar([i + w / 2 for i in x], right, w, color="#888888", edgecolor="black", label="Right front")
for bars in (bl, br):
    for b in bars:
        ax.text(b.get_x() + b.get_width() / 2, b.get_height() + 0.15, f"{b.get_height():.1f}",
                ha="center", va="bottom", fontsize=9)
ax.axhline(1.6, color="black", lw=1.0, ls="--", label="Wear bars, 1.6 mm (2/32 in)")
ax.set_xticks(list(x))
ax.set_xticklabels(points, fontsize=10)
ax.set_ylim(0, 9.5)
ax.set_ylabel("Tread depth (mm)", fontsize=11)
ax.tick_params(axis="y", labelsize=10)
ax.legend(loc="upper right", fontsize=9, frameon=True, edgecolor="black", ncol=3)
ax.grid(True, axis="y", color="#bbbbbb", lw=0.6)
ax.set_axisbelow(True)
fig.tight_layout()
save(fig, __file__)
