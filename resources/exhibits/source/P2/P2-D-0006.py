"""P2-D-0006: monthly unit sales of R-134a refrigerant cans over two years, for a seasonal min/max question."""
from _kit import figure, save

months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
last_year = [6, 7, 10, 15, 38, 64, 82, 70, 35, 14, 8, 6]
this_year = [7, 6, 11, 17, 42, 70, 88, 74, 33, 15, 7, 6]

fig = figure(6.8, 3.6)
ax = fig.add_subplot(1, 1, 1)
x = range(len(months))
w = 0.38
b1 = ax.bar([i - w / 2 for i in x], last_year, w, color="white", edgecolor="black", hatch="///",
            label="Two years ago")
b2 = ax.bar([i + w / 2 for i in x], this_year, w, color="#888888", edgecolor="black", label="Last year")
for bars in (b1, b2):
    for b in bars:
        ax.text(b.get_x() + b.get_width() / 2, b.get_height() + 1.0, f"{int(b.get_height())}",
                ha="center", va="bottom", fontsize=8)
ax.set_xticks(list(x))
ax.set_xticklabels(months, fontsize=10)
ax.set_ylim(0, 100)
ax.set_ylabel("Cans sold per month", fontsize=11)
ax.tick_params(axis="y", labelsize=10)
ax.legend(loc="upper left", fontsize=9, frameon=True, edgecolor="black")
ax.grid(True, axis="y", color="#bbbbbb", lw=0.6)
ax.set_axisbelow(True)
fig.tight_layout()
save(fig, __file__)
