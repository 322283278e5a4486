#!/usr/bin/env python3
"""Writes a large registry sheet for trying the bulk import (docs/import.md).

    scripts/make-registry-sheet.py OUT.csv [UNITS] [--gbk]

UNITS (default 5000) units in buildings of 2 entrances x 25 floors x 4 flats; about two thirds of the
units get an owner with a valid resident ID number, the rest are vacant. --gbk writes GB18030 as
Chinese Excel's "CSV (逗号分隔)" does; the default is UTF-8 with BOM. The output is the same every run.
"""
import random, sys

def id_number(rng):
    area = rng.choice(["110101", "310115", "440305", "320102"])
    birth = f"{rng.randint(1950, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    seq = f"{rng.randint(0, 999):03d}"
    body = area + birth + seq
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]

def main(argv):
    out = argv[1]
    units = int(argv[2]) if len(argv) > 2 and argv[2].isdigit() else 5000
    gbk = "--gbk" in argv
    rng = random.Random(42)
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"
    lines = ["楼栋编号,楼栋名称,房号,楼层,建筑面积,房屋类型,房屋状态,住户姓名,住户类型,证件类型,证件号码,联系电话,备用电话,身份,入住日期"]
    n = 0
    building = 0
    while n < units:
        building += 1
        for entrance in (1, 2):
            for floor in range(1, 26):
                for flat in range(1, 5):
                    if n >= units:
                        break
                    n += 1
                    number = f"{building}-{entrance}-{floor}{flat:02d}"
                    area = rng.choice(["89.50", "128.36", "143.20", "96.75"])
                    row = [str(building), f"{building}号楼", number, str(floor), area, "住宅"]
                    if rng.random() < 0.67:
                        name = rng.choice(surnames) + rng.choice(given) + rng.choice(given)
                        phone = f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
                        date = f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                        row += ["", name, "个人", "身份证", id_number(rng), phone, "", "业主", date]
                    else:
                        row += ["空置", "", "", "", "", "", "", "", ""]
                    lines.append(",".join(row))
    data = "\r\n".join(lines) + "\r\n"
    with open(out, "wb") as f:
        f.write(data.encode("gb18030") if gbk else "\ufeff".encode("utf-8") + data.encode("utf-8"))
    print(f"{n} units written to {out} ({'GB18030' if gbk else 'UTF-8 with BOM'})")

if __name__ == "__main__":
    sys.exit(main(sys.argv))
