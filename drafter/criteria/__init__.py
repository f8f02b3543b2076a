"""The rubric's criteria, one module each, in report order."""
from drafter.criteria.calm import Calm
from drafter.criteria.correction import Correction
from drafter.criteria.facts import Facts
from drafter.criteria.make_good import MakeGood
from drafter.criteria.names import Names
from drafter.criteria.next_steps import NextSteps
from drafter.criteria.ownership import Ownership
from drafter.criteria.prevention import Prevention
from drafter.criteria.proportion import Proportion
from drafter.criteria.timeline import Timeline

CRITERIA = (Facts, Names, Correction, NextSteps, Ownership, Prevention, Timeline, Calm, Proportion, MakeGood)
