"""The rubric's criteria, one module each, in report order."""
from drafter.criteria.correction import Correction
from drafter.criteria.facts import Facts
from drafter.criteria.names import Names
from drafter.criteria.next_steps import NextSteps

CRITERIA = (Facts, Names, Correction, NextSteps)
