#!/usr/bin/python3
"""Draws the figures of the lessons in resources/lessons/ as small SVG files, from the closed
forms the lessons teach (nothing is simulated here: the window's Analysis dock measures the same
curves from the simulator). Run from the repository root:

    scripts/make_lesson_figures.py

Only the standard library and numpy; the SVG is written by hand so that no plotting package is
needed."""
import math
import os

import numpy as np

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "lessons")
W, H = 420, 260
LEFT, RIGHT, TOP, BOTTOM = 58, 16, 16, 44
BLUE, ORANGE, GREY = "#4e79a7", "#f28e2b", "#888888"


def svg_plot(path, curves, xlabel, ylabel, xrange, yrange, xticks, yticks, zero_lines=False,
             notes=()):
    """curves: list of (xs, ys, colour, dashed)."""
    x0, x1 = xrange
    y0, y1 = yrange
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def px(x):
        return LEFT + (x - x0) / (x1 - x0) * pw

    def py(y):
        return TOP + (y1 - y) / (y1 - y0) * ph

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
           f'viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">',
           f'<rect x="0" y="0" width="{W}" height="{H}" fill="white"/>',
           f'<rect x="{LEFT}" y="{TOP}" width="{pw}" height="{ph}" fill="none" stroke="#333"/>']
    for t in xticks:
        out.append(f'<line x1="{px(t):.1f}" y1="{TOP + ph}" x2="{px(t):.1f}" y2="{TOP + ph + 4}" '
                   f'stroke="#333"/>')
        out.append(f'<text x="{px(t):.1f}" y="{TOP + ph + 17}" text-anchor="middle">{t:g}</text>')
    for t in yticks:
        out.append(f'<line x1="{LEFT - 4}" y1="{py(t):.1f}" x2="{LEFT}" y2="{py(t):.1f}" '
                   f'stroke="#333"/>')
        out.append(f'<text x="{LEFT - 7}" y="{py(t) + 4:.1f}" text-anchor="end">{t:g}</text>')
    if zero_lines:
        if x0 < 0 < x1:
            out.append(f'<line x1="{px(0):.1f}" y1="{TOP}" x2="{px(0):.1f}" y2="{TOP + ph}" '
                       f'stroke="{GREY}" stroke-dasharray="3,3"/>')
        if y0 < 0 < y1:
            out.append(f'<line x1="{LEFT}" y1="{py(0):.1f}" x2="{LEFT + pw}" y2="{py(0):.1f}" '
                       f'stroke="{GREY}" stroke-dasharray="3,3"/>')
    for xs, ys, colour, dashed in curves:
        points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, ys)
                          if y0 - 1e-9 <= y <= y1 + 1e-9)
        dash = ' stroke-dasharray="6,4"' if dashed else ""
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                   f'stroke-width="2"{dash}/>')
    for x, y, text in notes:
        out.append(f'<text x="{px(x):.1f}" y="{py(y):.1f}">{text}</text>')
    out.append(f'<text x="{LEFT + pw / 2}" y="{H - 8}" text-anchor="middle">{xlabel}</text>')
    out.append(f'<text x="14" y="{TOP + ph / 2}" text-anchor="middle" '
               f'transform="rotate(-90 14 {TOP + ph / 2})">{ylabel}</text>')
    out.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def lif_rate(i, tau=20.0, cm=1.0, v_rest=-65.0, v_reset=-65.0, v_th=-50.0, t_ref=2.0):
    v_inf = v_rest + i * tau / cm
    if v_inf <= v_th:
        return 0.0
    return 1000.0 / (t_ref + tau * math.log((v_inf - v_reset) / (v_inf - v_th)))


def fi_curve():
    i = np.linspace(0, 3, 601)
    svg_plot(os.path.join(ROOT, "01-lif-neuron", "fi_curve.svg"),
             [(i, [lif_rate(x) for x in i], BLUE, False),
              (i, [lif_rate(x, t_ref=0.5) for x in i], ORANGE, True)],
             "input current I (nA)", "rate (Hz)", (0, 3), (0, 300), [0, 0.75, 1.5, 2.25, 3],
             [0, 100, 200, 300],
             notes=[(1.7, 120, "t_ref = 2 ms"), (1.3, 230, "t_ref = 0.5 ms")])


def psp():
    # Membrane response to one current jump w that decays with tau_syn (exact solution of the
    # current-based LIF): a difference of exponentials.
    t = np.linspace(0, 100, 1001)
    tau_m, cm = 20.0, 1.0
    curves = []
    for tau_s, colour, dashed in [(5.0, BLUE, False), (1.0, ORANGE, True)]:
        w = 0.5  # nA
        v = w * tau_s / cm * tau_m / (tau_m - tau_s) * (np.exp(-t / tau_m) - np.exp(-t / tau_s))
        curves.append((t, v, colour, dashed))
    svg_plot(os.path.join(ROOT, "02-synapses", "psp.svg"), curves, "time after the spike (ms)",
             "depolarisation (mV)", (0, 100), (0, 2.5), [0, 25, 50, 75, 100], [0, 1, 2],
             notes=[(30, 1.9, "tau_syn = 5 ms"), (9, 0.75, "1 ms")])


def stdp_window():
    # Pair-based STDP (Bi & Poo 1998; Song, Miller & Abbott 2000): dw = A+ exp(-dt/tau+) for
    # dt = t_post - t_pre > 0, -A- exp(dt/tau-) for dt < 0.
    a_plus, a_minus, tau_plus, tau_minus = 0.01, 0.0105, 20.0, 20.0
    pos = np.linspace(0.01, 80, 400)
    neg = np.linspace(-80, -0.01, 400)
    svg_plot(os.path.join(ROOT, "07-stdp-window", "stdp_window.svg"),
             [(pos, a_plus * np.exp(-pos / tau_plus), BLUE, False),
              (neg, -a_minus * np.exp(neg / tau_minus), ORANGE, False)],
             "t_post − t_pre (ms)", "weight change Δw", (-80, 80), (-0.012, 0.012),
             [-80, -40, 0, 40, 80], [-0.01, 0, 0.01], zero_lines=True,
             notes=[(8, 0.009, "pre before post: stronger"), (-78, -0.009, "post before pre: weaker")])


if __name__ == "__main__":
    fi_curve()
    psp()
    stdp_window()
