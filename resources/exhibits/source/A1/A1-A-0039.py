"""A1-A-0039: vacuum gauge needle drawn as a trace: steady at idle, rapid wide flutter when held at 2500 rpm."""
import numpy as np

from _kit import figure, save

fig = figure(6.4, 4.4)
axes = fig.subplots(2, 1, sharex=True)
t = np.linspace(0, 2.0, 3000)

# Idle: steady 19 inHg with the small ripple of each intake stroke.
idle = 19.0 + 0.25 * np.sin(2 * np.pi * t / (120 / 750 / 4))
# 2500 rpm: the needle swings rapidly and widely, about 13-24 inHg, unevenly from swing to swing.
amp = 5.0 + 0.8 * np.sin(2 * np.pi * t / 0.45) + 0.5 * np.sin(2 * np.pi * t / 0.17)
held = 18.5 + amp * np.sin(2 * np.pi * 11.0 * t + 0.6 * np.sin(2 * np.pi * t / 0.3))

for ax, y, title in (
    (axes[0], idle, "Warm idle, 750 rpm"),
    (axes[1], held, "Held at 2500 rpm, no load"),
):
    ax.plot(t, y, color="black", lw=1.1)
    ax.set_ylim(8, 26)
    ax.set_yticks([10, 14, 18, 22, 26])
    ax.set_ylabel("Vacuum (inHg)", fontsize=11)
    ax.set_title(title, fontsize=12, loc="left")
    ax.grid(True, color="#bbbbbb", lw=0.6)
    ax.tick_params(labelsize=11)
    sec = ax.secondary_yaxis("right", functions=(lambda x: x * 3.386, lambda k: k / 3.386))
    sec.set_ylabel("kPa", fontsize=11)
    sec.tick_params(labelsize=11)
axes[1].set_xlabel("Time (s)", fontsize=11)
fig.tight_layout()
save(fig, __file__)
