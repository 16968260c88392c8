"""A5-D-0008: wheel speeds from the scan tool during a gentle stop; the right front signal drops out once per tire revolution at low speed."""
from _kit import figure, save

fig = figure(6.6, 3.8)
ax = fig.add_axes([0.11, 0.15, 0.86, 0.74])

n = 500
t = [5.0 * i / n for i in range(n + 1)]


def base(ti, offset=0.0):
    return max(0.0, 40.0 * (1 - ti / 5.0) + offset * (1 - ti / 5.0))


lf = [base(x, 0.3) for x in t]
lr = [base(x, -0.3) for x in t]
rr = [base(x, 0.0) for x in t]
rf = []
for x in t:
    v = base(x, 0.1)
    # one dropout per tire revolution (about 2.5 m) once the speed is low: at 14.4 and 8 km/h
    if 3.20 <= x <= 3.30 or 4.00 <= x <= 4.10:
        v = 0.0
    elif 3.16 <= x < 3.20:
        v = v * (3.20 - x) / 0.04
    elif 3.96 <= x < 4.00:
        v = v * (4.00 - x) / 0.04
    rf.append(v)

ax.plot(t, lf, color="black", lw=1.0, label="Left front")
ax.plot(t, lr, color="black", lw=1.2, ls=(0, (6, 3)), label="Left rear")
ax.plot(t, rr, color="black", lw=1.4, ls=(0, (1.5, 2)), label="Right rear")
ax.plot(t, rf, color="black", lw=2.4, label="Right front")
ax.set_xlim(0, 5)
ax.set_xticks([0.5 * i for i in range(11)])
ax.set_ylim(0, 42)
ax.set_xlabel("Time after brakes applied, s", fontsize=11)
ax.set_ylabel("Wheel speed, km/h", fontsize=11)
ax.set_title("Gentle stop on dry pavement from 40 km/h (25 mph)", fontsize=11)
ax.tick_params(labelsize=11)
ax.grid(True, color="0.85", lw=0.6)
ax.legend(loc="upper right", fontsize=11, frameon=True, edgecolor="black")

save(fig, __file__)
