#!/usr/bin/python3
"""Puts projections of a project on crossbars: one crossbar per projection (named xb_<projection>),
sized rows = pre, cols = 2 post (differential pairs), with the device preset and any field given as
section.field=value. The projections keep their weights; the simulator (or `snnwb-cli evaluate`)
programs them onto the devices.

  bench/map_on_crossbars.py IN.snnwb.json OUT.snnwb.json [--projections a,b] [--preset rram_hfox]
                            [--set device.levels=16 --set array.r_wire=1 ...]
"""
import argparse
import json


def value(text):
    try:
        number = float(text)
        return int(number) if number.is_integer() else number
    except ValueError:
        return text


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("project")
    ap.add_argument("out")
    ap.add_argument("--projections", default="", help="comma-separated ids (default: all)")
    ap.add_argument("--preset", default="ideal")
    ap.add_argument("--set", action="append", default=[], metavar="SECTION.FIELD=VALUE")
    args = ap.parse_args()
    with open(args.project) as f:
        project = json.load(f)
    net = project["network"]
    sizes = {p["id"]: p.get("size", 1) for p in net["populations"]}
    wanted = set(filter(None, args.projections.split(",")))
    crossbars = net.setdefault("crossbars", [])
    for proj in net["projections"]:
        if wanted and proj["id"] not in wanted:
            continue
        xb = {"id": "xb_" + proj["id"], "rows": sizes[proj["pre"]], "cols": 2 * sizes[proj["post"]],
              "device": {"preset": args.preset}}
        for assignment in args.set:
            path, text = assignment.split("=", 1)
            section, field = path.split(".", 1) if "." in path else ("", path)
            (xb.setdefault(section, {}) if section else xb)[field] = value(text)
        crossbars.append(xb)
        proj["crossbar"] = xb["id"]
    with open(args.out, "w") as f:
        json.dump(project, f, indent=1)


if __name__ == "__main__":
    main()
