"""Writes www/samples/cafe_sales.csv, the sample behind the "Try a sample" button.

Deterministic (a fixed linear congruential generator), standard library only:
    python3 scripts/make-sample.py
"""
import datetime
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "www" / "samples" / "cafe_sales.csv"

STORES = ["강남점", "홍대점", "판교점", "부산역점", "Jeju Airport"]
PRODUCTS = [("아메리카노", 4500), ("카페라떼", 5000), ("바닐라라떼", 5500), ("Croissant", 3800),
            ("녹차 케이크", 6500), ("Cold Brew", 5200)]
PAYMENTS = ["card", "cash", "mobile"]

state = 20240101


def rand(n):
    global state
    state = (1103515245 * state + 12345) % 2**31
    return state % n


rows = ["order_id,ordered_at,store,product,quantity,unit_price,amount,member,rating,payment"]
start = datetime.datetime(2024, 1, 1, 8, 0, 0)
for i in range(600):
    at = start + datetime.timedelta(minutes=17 * i + rand(15))
    product, price = PRODUCTS[rand(len(PRODUCTS))]
    qty = 1 + rand(3)
    member = "true" if rand(10) < 6 else "false"
    rating = "NA" if rand(7) == 0 else f"{3 + rand(21) / 10:.1f}"
    rows.append(",".join([
        str(10001 + i), at.strftime("%Y-%m-%d %H:%M:%S"), STORES[rand(len(STORES))], product,
        str(qty), str(price), str(qty * price), member, rating, PAYMENTS[rand(3)],
    ]))
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text("\n".join(rows) + "\n", encoding="utf-8")
print(f"wrote {OUT} ({len(rows) - 1} rows)")
