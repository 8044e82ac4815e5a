"""The first list of 严重表述错误: clear errors only (a wrong title of the 条例, misspelt names of
central bodies, wrong forms of the Party's formulations). 十九大/二十大 and the like are not
errors and are not listed. Kept in /admin/ from here on."""

from django.db import migrations

REGULATION = "《中华人民共和国政府信息公开条例》"
REVISED = "条例2007年4月5日公布、2008年5月1日施行，2019年4月3日修订（国务院令第711号）"
THOUGHT = "习近平新时代中国特色社会主义思想"
CONGRESS = "党的全国代表大会称“次”，中央委员会称“届”"

PHRASES = [
    ("《政府信息公开条例》", REGULATION, "引用行政法规应使用全称"),
    ("政府信息公开条列", "政府信息公开条例", "错别字"),
    ("政府公开信息条例", "政府信息公开条例", "名称词序错误"),
    ("中华人民共和国信息公开条例", "中华人民共和国政府信息公开条例", "名称缺字"),
    ("政府信息公开条例（2008年修订）", "政府信息公开条例（2019年修订）", REVISED),
    ("政府信息公开条例（2017年修订）", "政府信息公开条例（2019年修订）", REVISED),
    ("政府信息公开条例（2018年修订）", "政府信息公开条例（2019年修订）", REVISED),
    ("国务院办工厅", "国务院办公厅", "错别字"),
    ("国务院办功厅", "国务院办公厅", "错别字"),
    ("国务院力公厅", "国务院办公厅", "错别字"),
    ("国务院办公听", "国务院办公厅", "错别字"),
    ("国务阮", "国务院", "错别字"),
    ("国物院", "国务院", "错别字"),
    ("中共中央办工厅", "中共中央办公厅", "错别字"),
    ("中华人民共合国", "中华人民共和国", "错别字"),
    ("中华人民公和国", "中华人民共和国", "错别字"),
    ("中华人名共和国", "中华人民共和国", "错别字"),
    ("国家发展与改革委员会", "国家发展和改革委员会", "机构名称用“和”"),
    ("人力资源与社会保障", "人力资源和社会保障", "机构名称用“和”"),
    ("住房与城乡建设", "住房和城乡建设", "机构名称用“和”"),
    ("习近平新时代中国特色社会主意思想", THOUGHT, "错别字"),
    ("习近平新时代中国特色社会主义思相", THOUGHT, "错别字"),
    ("习近平新时代中国特设社会主义思想", THOUGHT, "错别字"),
    ("习近平新时期中国特色社会主义思想", THOUGHT, "应为“新时代”"),
    ("习近平新时代特色社会主义思想", THOUGHT, "漏字"),
    ("习近平新时代中国社会主义思想", THOUGHT, "漏字"),
    ("习近平新时代中国特色主义思想", THOUGHT, "漏字"),
    ("习近平新时代中国特色社会思想", THOUGHT, "漏字"),
    ("习近平中国特色社会主义思想", THOUGHT, "漏字"),
    ("习进平", "习近平", "领导人姓名错误"),
    ("习近平总书纪", "习近平总书记", "错别字"),
    ("以习近平总书记为核心的党中央", "以习近平同志为核心的党中央", "规范表述"),
    ("中国共产党第二十次全国人民代表大会", "中国共产党第二十次全国代表大会", "党代会与人大混淆"),
    ("第二十次全国人民代表大会", "第二十次全国代表大会", "党代会称“全国代表大会”，人大称“第X届全国人民代表大会”"),
    ("第十八届全国代表大会", "第十八次全国代表大会", CONGRESS),
    ("第十九届全国代表大会", "第十九次全国代表大会", CONGRESS),
    ("第二十届全国代表大会", "第二十次全国代表大会", CONGRESS),
] + [
    (f"{congress}次{plenum}中全会", f"{congress}届{plenum}中全会", CONGRESS)
    for congress in ("十八", "十九", "二十")
    for plenum in "一二三四五六七"
]


def seed(apps, schema_editor):
    WrongPhrase = apps.get_model("inspection", "WrongPhrase")
    for wrong, correct, note in PHRASES:
        WrongPhrase.objects.get_or_create(wrong=wrong, defaults={"correct": correct, "note": note})


def unseed(apps, schema_editor):
    apps.get_model("inspection", "WrongPhrase").objects.filter(
        wrong__in=[wrong for wrong, _, _ in PHRASES]
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("inspection", "0002_attachment_scans"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
