"""A4-A-0025: steering effort against steering wheel angle, a tight spot once every full turn."""
import numpy as np

from _kit import figure, save

fig = figure(6.4, 3.2)
ax = fig.add_subplot(1, 1, 1)
angle = np.linspace(-540, 540, 2161)
effort = np.full_like(angle, 3.0)
for centre in (-360, 0, 360):
    effort += 5.0 * np.exp(-0.5 * ((angle - centre) / 7.0) ** 2)
# a slight rise only as each lock stop is reached
effort += 1.0 * np.exp(-(540 - angle) / 12.0) + 1.0 * np.exp(-(angle + 540) / 12.0)
ax.plot(angle, effort, color="black", lw=1.8)
ax.set_xlim(-560, 560)
ax.set_ylim(0, 10)
ax.set_xticks(range(-540, 541, 180))
ax.set_yticks(range(0, 11, 2))
ax.set_xlabel("Steering wheel angle (degrees; - = left, + = right)", fontsize=11)
ax.set_ylabel("Effort at rim (N·m)", fontsize=11)
ax.tick_params(labelsize=10)
ax.grid(True, color="#bbbbbb", lw=0.6)
ax.text(-540, 9.2, "full left lock", fontsize=10, ha="left")
ax.text(540, 9.2, "full right lock", fontsize=10, ha="right")
fig.tight_layout()
save(fig, __file__)
