"""A8-A-0020: APP sensor 1 and 2 voltage against pedal travel; APP 2 stops rising above 70%."""
import numpy as np

from _kit import figure, save

fig = figure(6.0, 3.8)
ax = fig.add_subplot(1, 1, 1)
x = np.linspace(0, 100, 201)
app1 = 0.90 + (4.10 - 0.90) * x / 100
app2 = np.minimum(app1 / 2, 1.55)
ax.plot(x, app1, color="black", lw=1.8, label="APP 1")
ax.plot(x, app2, color="black", lw=1.8, ls="--", label="APP 2")
ax.set_xlim(0, 100)
ax.set_ylim(0, 5)
ax.set_xlabel("Pedal travel (%)", fontsize=11)
ax.set_ylabel("Signal voltage (V)", fontsize=11)
ax.grid(True, color="#bbbbbb", lw=0.6)
ax.tick_params(labelsize=11)
ax.legend(loc="upper left", fontsize=11, frameon=False)
fig.tight_layout()
save(fig, __file__)
