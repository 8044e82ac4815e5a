"""自查: what the official inspection indicators (国办秘函〔2019〕19号 and the 政务公开第三方评估) would
find on an agency's site, computed over our own data and pages, with a score, the findings and the
way to fix each; and the 条例's yearly duties (第四十四条, 第十八条, 规范性文件的有效性) tracked."""
