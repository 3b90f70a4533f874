"""Write the real-data table fixtures of tests/fixtures/tables/ (issue 14).

    python tools/make_table_fixtures.py

Small files shaped like the public data sets people download first, in the
encodings and layouts spreadsheet programs and statistics offices write:

- ``nile.csv``: annual flow of the Nile at Aswan, 1871–1970 (10⁸ m³; the
  classic series of Cobb 1978 / Durbin & Koopman, R's ``datasets::Nile``):
  values in the hundreds and thousands, a ``year`` column;
- ``nile_gaps.csv``: the same with missing cells (empty, ``NA``, ``N/A``);
- ``co2_monthly.tsv``: monthly CO₂ means (ppm) in the shape of the Mauna Loa
  record, 1959–1960, with an ISO date column, tab-separated;
- ``gdp_wide.csv``: a World-Bank-style wide table whose header is years
  (``Country Name,Country Code,1960,…``) and whose missing cells are ``..``;
- ``quoted_names.csv``: column names written with quotes inside (``"'popul'"``);
- ``nile_utf16le.csv``, ``nile_utf16be.tsv``: UTF-16 with a byte-order mark
  ("Unicode text" of a spreadsheet program), with non-ASCII column names;
- ``nile_latin1.csv``: Latin-1, ``;``-separated (a European spreadsheet);
- ``nile_utf8_bom.csv``: UTF-8 with a byte-order mark and CRLF line ends.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "tables"

NILE = [
    1120, 1160, 963, 1210, 1160, 1160, 813, 1230, 1370, 1140,
    995, 935, 1110, 994, 1020, 960, 1180, 799, 958, 1140,
    1100, 1210, 1150, 1250, 1260, 1220, 1030, 1100, 774, 840,
    874, 694, 940, 833, 701, 916, 692, 1020, 1050, 969,
    831, 726, 456, 824, 702, 1120, 1100, 832, 764, 821,
    768, 845, 864, 862, 698, 845, 744, 796, 1040, 759,
    781, 865, 845, 944, 984, 897, 822, 1010, 771, 676,
    649, 846, 812, 742, 801, 1040, 860, 874, 848, 890,
    744, 749, 838, 1050, 918, 986, 797, 923, 975, 815,
    1020, 906, 901, 1170, 912, 746, 919, 718, 714, 740,
]  # fmt: skip
YEARS = list(range(1871, 1971))
#: Rows of nile_gaps.csv whose flow is missing, and how it is written.
GAPS = {4: "", 19: "NA", 42: "N/A", 77: ""}
CO2 = [
    315.62, 316.38, 316.71, 317.72, 318.29, 318.15, 316.54, 314.80, 313.84, 313.26, 314.80, 315.58,
    316.43, 316.97, 317.58, 319.02, 320.03, 319.59, 318.18, 315.91, 314.16, 313.83, 315.00, 316.19,
]  # fmt: skip


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rows = [f"{y},{v}" for y, v in zip(YEARS, NILE, strict=True)]
    (OUT / "nile.csv").write_text("year,flow\n" + "\n".join(rows) + "\n", encoding="ascii")

    gaps = [f"{y},{GAPS.get(k, v)}" for k, (y, v) in enumerate(zip(YEARS, NILE, strict=True))]
    (OUT / "nile_gaps.csv").write_text("year,flow\n" + "\n".join(gaps) + "\n", encoding="ascii")

    months = [f"{1959 + k // 12}-{k % 12 + 1:02d}-01\t{v:.2f}" for k, v in enumerate(CO2)]
    (OUT / "co2_monthly.tsv").write_text("date\tco2\n" + "\n".join(months) + "\n")

    wide = [
        "Country Name,Country Code,1960,1961,1962,1963,1964",
        "Aruba,ABW,..,..,..,..,..",
        "Afghanistan,AFG,59.7776,59.8782,58.4921,78.7061,82.0951",
        "Angola,AGO,..,..,..,..,..",
        "Albania,ALB,..,..,..,..,..",
        "Arab World,ARB,5.6895,6.2452,6.5326,7.2581,8.1212",
        "Argentina,ARG,13.0193,14.4012,15.2396,16.1349,17.8123",
    ]
    (OUT / "gdp_wide.csv").write_text("\n".join(wide) + "\n")

    quoted = ["\"'date'\",\"'popul'\",\"'births'\""]
    popul = [58113, 58121, 58134, 58140, 58158, 58163, 58177, 58190, 58196, 58211, 58219, 58230]
    births = [61, 55, 60, 57, 58, 56, 62, 60, 59, 58, 55, 59]
    for k in range(12):
        quoted.append(f"2001-{k + 1:02d}-01,{popul[k]},{births[k]}")
    (OUT / "quoted_names.csv").write_text("\n".join(quoted) + "\n")

    utf16 = "année,débit (10⁸ m³)\n" + "\n".join(rows) + "\n"
    (OUT / "nile_utf16le.csv").write_bytes(b"\xff\xfe" + utf16.encode("utf-16-le"))
    tabbed = utf16.replace(",", "\t")
    (OUT / "nile_utf16be.tsv").write_bytes(b"\xfe\xff" + tabbed.encode("utf-16-be"))

    latin = "année;débit\n" + "\n".join(r.replace(",", ";") for r in rows) + "\n"
    (OUT / "nile_latin1.csv").write_bytes(latin.encode("latin-1"))

    bom = "year,flow\r\n" + "\r\n".join(rows) + "\r\n"
    (OUT / "nile_utf8_bom.csv").write_bytes(b"\xef\xbb\xbf" + bom.encode("utf-8"))
    print(f"wrote {len(list(OUT.iterdir()))} files to {OUT}")


if __name__ == "__main__":
    main()
