"""A6-E-0009: window motor current during one slow up stroke: low, steady running current and a weak stall."""
import numpy as np
from _kit import figure, save

fig = figure(6.4, 3.4)
ax = fig.add_subplot(1, 1, 1)
t = np.linspace(0, 10, 5001)
cur = np.full_like(t, 2.6)
cur = np.maximum(cur, 11.0 * np.exp(-t / 0.06))
cur = np.where((t > 8.6) & (t <= 9.2), 7.5, cur)
cur = np.where(t > 9.2, 0.0, cur)
cur = np.where(t < 0.004, 0.0, cur)
ax.plot(t, cur, color="black", lw=1.6)
ax.axhspan(6.0, 8.0, xmin=0.02, xmax=0.84, color="0.88", lw=0)
ax.set_xlim(0, 10)
ax.set_ylim(0, 14)
ax.set_xlabel("Time after UP is pressed (s)", fontsize=11)
ax.set_ylabel("Motor current (A)", fontsize=11)
ax.grid(True, color="0.85", lw=0.6)
ax.annotate("inrush about 11 A", xy=(0.05, 10.5), xytext=(0.4, 11.6), fontsize=10)
ax.annotate("shaded: normal running current 6-8 A", xy=(3.0, 7.0), xytext=(2.2, 9.2), fontsize=10,
            arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.annotate("steady about 2.6 A while the glass rises", xy=(4.0, 2.7), xytext=(1.6, 0.9), fontsize=10)
ax.annotate("glass at the top:\nstall about 7.5 A", xy=(8.8, 7.5), xytext=(6.6, 11.2), fontsize=10,
            arrowprops=dict(arrowstyle="->", color="black", lw=0.8))
ax.tick_params(labelsize=10)
fig.tight_layout()
save(fig, __file__)
