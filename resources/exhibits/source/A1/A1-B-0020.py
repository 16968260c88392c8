"""A1-B-0020: crankshaft (60-2 wheel) and camshaft sensor signals; cam edge at tooth 9 after the gap (one belt tooth advanced)."""
import numpy as np

from _kit import figure, save

fig = figure(6.8, 4.0)
ax_ckp, ax_cmp = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [1, 1]})

# x axis in crankshaft teeth counted from the first tooth after the missing-tooth gap (6° per tooth).
x = np.linspace(-4, 32, 7201)
ckp = np.where(((x % 1.0) < 0.5) & ((x >= 0) | (x < -2)), 5.0, 0.0)
cmp_ = np.where((x >= 9) & (x < 21), 5.0, 0.0)

ax_ckp.plot(x, ckp, color="black", lw=1.0)
ax_ckp.set_ylim(-1, 7)
ax_ckp.set_yticks([0, 5])
ax_ckp.set_ylabel("CKP (V)", fontsize=11)
ax_ckp.set_title("Crankshaft position sensor, 60-2 wheel", fontsize=12, loc="left")
ax_ckp.annotate("gap (2 missing teeth)", xy=(-1.0, 5.2), xytext=(1.5, 6.3), fontsize=10,
                arrowprops={"arrowstyle": "->", "color": "black"})

ax_cmp.plot(x, cmp_, color="black", lw=1.6)
ax_cmp.set_ylim(-1, 7)
ax_cmp.set_yticks([0, 5])
ax_cmp.set_ylabel("CMP (V)", fontsize=11)
ax_cmp.set_title("Camshaft position sensor", fontsize=12, loc="left")

for ax in (ax_ckp, ax_cmp):
    ax.grid(True, axis="x", color="#bbbbbb", lw=0.6)
    ax.tick_params(labelsize=11)
ax_cmp.set_xticks(range(0, 33, 3))
ax_cmp.set_xlim(-4, 32)
ax_cmp.set_xlabel("Crankshaft teeth after the gap (6° of crankshaft rotation per tooth)", fontsize=11)
fig.tight_layout()
save(fig, __file__)
