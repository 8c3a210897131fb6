"""Writes an invented trending CSV in the 2017 Kaggle layout, big enough that `vv import` runs
long enough to be killed mid-way (tests/fault/run_fault.sh). No row comes from the real files.

    make_trending_csv.py VIDEOS DAYS > US_fault.csv
"""
import sys

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def main():
    videos, days = int(sys.argv[1]), int(sys.argv[2])
    out = sys.stdout
    out.write("video_id,trending_date,title,channel_title,category_id,publish_time,tags,views,"
              "likes,dislikes,comment_count,thumbnail_link,comments_disabled,ratings_disabled,"
              "video_error_or_removed,description\n")
    for d in range(days):
        for v in range(videos):
            vid = "fv" + "".join(ALPHABET[(v >> (6 * k)) & 63] for k in range(9))
            out.write(f'{vid},17.{14 + d:02d}.11,Fault test title {v},Channel {v % 97},'
                      f'{(v % 5) * 2 + 10},2017-11-{10 + v % 4:02d}T08:00:00.000Z,'
                      f'"""tag{v % 13}""|""fault""",{1000 + v * 3 + d * 100},{v % 50 + d},{v % 7},'
                      f'{v % 11 + d},,False,False,False,Description {v}\n')


if __name__ == "__main__":
    main()
