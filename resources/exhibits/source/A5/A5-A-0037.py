"""A5-A-0037: rear against front brake pressure, proportioning valve specification and measured line."""
from _kit import figure, save

fig = figure(6.4, 4.0)
ax = fig.add_axes([0.12, 0.15, 0.62, 0.78])

spec_x = [0, 3.0, 8.0]
spec_y = [0, 3.0, 4.5]
ax.plot(spec_x, spec_y, color="black", lw=2.0, label="Specification")
ax.plot([0, 8], [0, 8], color="black", lw=2.0, ls=(0, (6, 3)), label="Measured")
ax.plot([3.0], [3.0], marker="o", color="black", ms=6)
ax.annotate("split point\n3.0 MPa (435 psi)", xy=(3.0, 3.0), xytext=(4.3, 1.4), fontsize=11,
            arrowprops=dict(arrowstyle="->", color="black", lw=1.0))
ax.text(8.15, 4.5, "4.5 MPa\n(650 psi)", va="center", fontsize=11)
ax.text(8.15, 8.0, "8.0 MPa\n(1160 psi)", va="center", fontsize=11)

ax.set_xlim(0, 8)
ax.set_ylim(0, 8.5)
ax.set_xticks(range(0, 9))
ax.set_yticks(range(0, 9))
ax.tick_params(labelsize=11)
ax.set_xlabel("Front caliper pressure, MPa (1 MPa = 145 psi)", fontsize=11)
ax.set_ylabel("Rear wheel cylinder pressure, MPa", fontsize=11)
ax.grid(True, color="0.8", lw=0.6)
ax.legend(loc="upper left", fontsize=11, frameon=True, edgecolor="black")

save(fig, __file__)
