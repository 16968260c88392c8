"""A3-F-0014: transfer case shift-motor current during a 2H-4H command, installed and on the bench."""
import numpy as np

from _kit import figure, save

fig = figure(6.8, 3.6)
ax = fig.add_subplot(1, 1, 1)
t = np.linspace(0, 2.5, 1001)

# Test 1: motor bolted to the transfer case. Inrush, then it stays near 16 A until the module cuts it at 2.0 s.
inst = np.where(t < 0.05, 16.0 * t / 0.05, 16.0)
inst = np.where(t > 2.0, 0.0, inst)
# Test 2: motor removed from the case, same command. Inrush peak 9 A, then about 3 A running, stops at 0.9 s.
bench = np.where(t < 0.04, 9.0 * t / 0.04, 3.0 + 6.0 * np.exp(-(t - 0.04) / 0.05))
bench = np.where(t > 0.9, 0.0, bench)

ax.plot(t, inst, color="black", lw=2.0, label="Test 1: motor installed on transfer case")
ax.plot(t, bench, color="black", lw=2.0, ls="--", label="Test 2: motor removed, on the bench")
ax.set_xlim(0, 2.5)
ax.set_ylim(0, 20)
ax.set_xlabel("Time from 4H command (s)", fontsize=11)
ax.set_ylabel("Shift motor current (A)", fontsize=11)
ax.tick_params(labelsize=10)
ax.grid(True, color="#cccccc", lw=0.6)
ax.legend(loc="upper right", fontsize=9.5, frameon=True, edgecolor="black")
ax.annotate("module cuts power at 2.0 s\nencoder stays at 2H", xy=(2.0, 16.0), xytext=(1.05, 9.5),
            fontsize=9.5, arrowprops=dict(arrowstyle="->", color="black", lw=1.0))
ax.annotate("encoder steps 2H to 4H,\nmotor stops at 0.9 s", xy=(0.9, 3.0), xytext=(1.05, 4.6),
            fontsize=9.5, arrowprops=dict(arrowstyle="->", color="black", lw=1.0))
ax.set_title("Battery voltage at the motor during both tests: 12.2-12.4 V", fontsize=10.5)
fig.tight_layout()
save(fig, __file__)
