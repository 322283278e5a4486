#!/usr/bin/env python3
"""Add or update UI strings in a pair of resource files (neutral = Simplified Chinese, .en = English).

    scripts/resx.py BASE KEY 中文 English        one string
    scripts/resx.py BASE --tsv FILE             many: KEY<TAB>中文<TAB>English per line

BASE is the path without extension, e.g. src/PropertyPortal.Web/Resources/SharedResource or
src/PropertyPortal.Web/Features/Units/UnitsText. Files are created when missing; keys stay sorted.
"""
import sys, os
import xml.etree.ElementTree as ET

HEADER = '''<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
'''

def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')

def load(path):
    if not os.path.exists(path):
        return {}
    root = ET.parse(path).getroot()
    return {d.get('name'): (d.findtext('value') or '') for d in root.findall('data')}

def save(path, data):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(HEADER)
        for k in sorted(data):
            f.write(f'  <data name="{esc(k)}" xml:space="preserve"><value>{esc(data[k])}</value></data>\n')
        f.write('</root>\n')

def main(argv):
    if len(argv) < 3:
        print(__doc__); return 2
    base = argv[1]
    rows = []
    if argv[2] == '--tsv':
        for line in open(argv[3], encoding='utf-8'):
            line = line.rstrip('\n')
            if not line.strip() or line.startswith('#'):
                continue
            parts = line.split('\t')
            if len(parts) != 3:
                print('bad line (need KEY<TAB>zh<TAB>en):', line); return 1
            rows.append(parts)
    else:
        if len(argv) != 5:
            print(__doc__); return 2
        rows.append(argv[2:5])
    zh, en = load(base + '.resx'), load(base + '.en.resx')
    for k, z, e in rows:
        zh[k], en[k] = z, e
    save(base + '.resx', zh); save(base + '.en.resx', en)
    print(f'{len(rows)} string(s) written to {base}.resx / .en.resx')
    return 0

if __name__ == '__main__':
    sys.exit(main(sys.argv))
