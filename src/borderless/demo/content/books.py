"""Books from independent US publishers: picture books, early readers and English-learning books."""

from borderless.demo.content.base import CategoryContent, Line, Option
from borderless.demo.content.base import Pack as P

BINDING = (Option("HC", "Hardcover", "精装", "1"), Option("PB", "Paperback", "平装", "0.6"))
SET = (Option("SET", "Boxed set", "盒装套装", "1"),)


def _book(code, pages, weight, price, en, zh):
    return P(code, "1", "piece", weight, en, zh, price)


CONTENT = CategoryContent(
    slug="books",
    background=(236, 234, 244),
    state_in_zh_title=False,
    lines=(
        Line(
            "PB",
            "picture",
            "490300",
            "Picture Book: The Lighthouse Cat",
            "英文原版绘本《灯塔猫》",
            (_book("40", 40, 450, "18", "40 pages, ages 3-7", "40页 适合3-7岁"),),
            BINDING,
            ("A picture book about a cat who keeps a lighthouse lit through a winter storm, in English.",),
            ("英文原版儿童绘本，讲述一只猫在冬季风暴中守护灯塔的故事。",),
            "book",
        ),
        Line(
            "PF",
            "picture",
            "490300",
            "Picture Book: Maple Moon",
            "英文原版绘本《枫叶月亮》",
            (_book("32", 32, 400, "17", "32 pages, ages 2-6", "32页 适合2-6岁"),),
            BINDING,
            ("Watercolour pictures follow a girl and her grandfather through a year on the farm.",),
            ("水彩插画，跟随小女孩和爷爷度过农场的一年四季。",),
            "book",
        ),
        Line(
            "BB",
            "picture",
            "490300",
            "Board Book: First 100 Words",
            "英文启蒙纸板书《最初的100个单词》",
            (_book("24", 24, 380, "12", "24 pages, ages 0-3", "24页 适合0-3岁"),),
            (),
            ("A sturdy board book with photographs and the first hundred English words.",),
            ("结实的纸板书，配实物照片，学习最初的100个英文单词。",),
            "book",
        ),
        Line(
            "ER",
            "readers",
            "490199",
            "Early Readers Level 1, Set of 10",
            "英文分级读物 第1级 10册套装",
            (_book("10", 10, 900, "39", "10 books", "10册"),),
            SET,
            ("Ten short phonics stories for children starting to read English on their own.",),
            ("十册自然拼读小故事，适合开始独立阅读英文的孩子。",),
            "book",
        ),
        Line(
            "CH",
            "readers",
            "490199",
            "Chapter Book: The Prairie Detectives",
            "英文章节书《草原小侦探》",
            (_book("128", 128, 300, "9", "128 pages, ages 7-10", "128页 适合7-10岁"),),
            BINDING[1:],
            ("An illustrated mystery for newly confident readers, with short chapters.",),
            ("配插图的侦探故事，章节短小，适合刚能独立阅读的孩子。",),
            "book",
        ),
        Line(
            "NS",
            "nonfiction",
            "490199",
            "Nature Guide: Birds of North America",
            "英文自然图鉴《北美鸟类》",
            (_book("240", 240, 700, "28", "240 pages", "240页"),),
            BINDING,
            ("A field guide with 400 colour illustrations of North American birds, for young naturalists.",),
            ("北美鸟类野外图鉴，400幅彩色插图，适合小小博物学家。",),
            "book",
        ),
    ),
    story_en=(
        "Published by {brand}, an independent publisher in {city}, {state}.",
        "Printed in the USA on FSC-certified paper with soy-based inks.",
        "Written and illustrated by American authors and artists we have worked with for years.",
        "Text in English; a favourite with families learning English together.",
    ),
    story_zh=(
        "由美国{state}{city}的独立出版社{brand}出版。",
        "美国印刷，采用FSC认证纸张与大豆油墨。",
        "作者与插画师均为长期合作的美国创作者。",
        "英文原版，适合亲子共读学英语。",
    ),
    usage_en=(
        "Ships in a protective box; the ISBN is printed on the back cover.",
        "Ideal for reading aloud at bedtime.",
    ),
    usage_zh=(
        "采用防护纸盒发货，ISBN印于封底。",
        "非常适合睡前亲子朗读。",
    ),
)
