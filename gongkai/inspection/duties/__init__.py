"""The 条例's yearly duties, tracked: 第四十四条 (information several applicants asked for and got
→ a suggestion to make it 主动公开), 第十八条 (what is not disclosed is reviewed periodically) and
the 有效性 of 规章 and 行政规范性文件 (an ended or repealed document leaves 现行有效).

rules.py: the pure functions; models.py: the decisions (each row is the event); selectors.py:
what is due and who may act; services.py: the decisions, through the publishing services;
views.py / forms.py: the pages under /staff/inspection/duties/; workbench.py: the office's tasks.
"""
